import { SESv2Client } from '@aws-sdk/client-sesv2';
import { SNSClient } from '@aws-sdk/client-sns';
import { createHmac } from 'node:crypto';
import * as z from 'zod';
import { createDocumentClient } from '../../shared/adapters/dynamodb/client';
import { systemClock, ulidIds } from '../../shared/adapters/system/clock';
import { jsonLogger } from '../../shared/adapters/system/json-logger';
import { hmacLinkSigner } from '../../shared/adapters/system/hmac-link-signer';
import { sesEmailSender } from '../../shared/adapters/ses/ses-email-sender';
import { snsSmsSender } from '../../shared/adapters/sns/sns-sms-sender';
import type { ServiceDeps } from '../../shared/services/deps';
import type { ApiDeps } from '../http/env';
import { DynamoAnnouncementStore } from '../../shared/adapters/dynamodb/announcement-repository';
import { unmarshallStreamImage } from '../../shared/adapters/dynamodb/stream-image';
import { snsEventBus } from '../../shared/adapters/sns/sns-event-bus';
import type { AnnounceHandlerDeps } from '../announce/handler';
import type { Logger } from '../../shared/ports/logger';
import { dynamoDeps } from './dynamo-deps';
import { SQSClient } from '@aws-sdk/client-sqs';
import { DynamoDeliveryStore } from '../../shared/adapters/dynamodb/delivery-repository';
import { DynamoSubscriptionStore } from '../../shared/adapters/dynamodb/subscription-repository';
import { sqsRequeue } from '../../shared/adapters/sqs/sqs-requeue';
import { httpWebhookSender } from '../../shared/adapters/webhook/http-webhook-sender';
import type { EmailSender, SmsSender } from '../../shared/ports/messaging';
import type { WebhookSender } from '../../shared/ports/webhook-sender';
import type { DeliveryDeps } from '../../shared/services/deliver-announcement';
import type { SesFeedbackDeps } from '../ses-feedback/handler';
import { loadSecretsFromArns } from '../../shared/adapters/secrets/load-secrets';

/** Lambda configuration, checked once at cold start. */
const EnvSchema = z.object({
  TABLE_NAME: z.string().min(1),
  PUBLIC_BASE_URL: z.url(),
  MAX_BODY_BYTES: z.coerce.number().int().positive().default(262_144),
  SENDER_EMAIL: z.email(),
  SES_CONFIGURATION_SET: z.string().min(1).optional(),
  LINK_SIGNING_SECRET: z.string().min(32),
  /** Signs session cookies; derived from LINK_SIGNING_SECRET when not set, so one secret suffices. */
  SESSION_SIGNING_SECRET: z.string().min(32).optional(),
});

const ServiceEnvSchema = EnvSchema.pick({ TABLE_NAME: true, SENDER_EMAIL: true, SES_CONFIGURATION_SET: true, LINK_SIGNING_SECRET: true, PUBLIC_BASE_URL: true });

/** SES and SNS SMS senders from the function's environment. */
function messaging(env: z.infer<typeof ServiceEnvSchema>) {
  return {
    email: sesEmailSender(new SESv2Client({}), env.SENDER_EMAIL, env.SES_CONFIGURATION_SET),
    sms: snsSmsSender(new SNSClient({})),
    links: hmacLinkSigner(env.LINK_SIGNING_SECRET),
    baseUrl: env.PUBLIC_BASE_URL.replace(/\/$/, ''),
  };
}

/** Wires the API for Lambda: DynamoDB in the account, logs to CloudWatch. */
export function awsApiDeps(env: NodeJS.ProcessEnv = process.env): ApiDeps {
  const config = EnvSchema.parse(env);
  const db = createDocumentClient({ tableName: config.TABLE_NAME });
  return {
    ...dynamoDeps(db, config.TABLE_NAME, systemClock, ulidIds()),
    ...messaging(config),
    logger: jsonLogger({ service: 'outpost-api' }),
    config: {
      mode: 'aws',
      baseUrl: config.PUBLIC_BASE_URL.replace(/\/$/, ''),
      maxBodyBytes: config.MAX_BODY_BYTES,
      sessionSecret: config.SESSION_SIGNING_SECRET ?? createHmac('sha256', config.LINK_SIGNING_SECRET).update('outpost session cookie').digest('base64url'),
    },
  };
}

/** Wires the services alone, for workers such as the scheduler. */
export function awsServiceDeps(env: NodeJS.ProcessEnv = process.env): ServiceDeps {
  const config = ServiceEnvSchema.parse(env);
  return { ...dynamoDeps(createDocumentClient({ tableName: config.TABLE_NAME }), config.TABLE_NAME, systemClock, ulidIds()), ...messaging(config) };
}

// announce and scheduler

/** The announce function's configuration: the table it records in, the topic it publishes to. */
const AnnounceEnvSchema = z.object({
  TABLE_NAME: z.string().min(1),
  /** ARN of the topology's `publications` topic (set by the stack). */
  PUBLICATIONS_TOPIC_ARN: z.string().startsWith('arn:'),
});

/** Wires the stream handler: announcement records in DynamoDB, SNS for the topic. Checked once at cold start. */
export function awsAnnounceDeps(env: NodeJS.ProcessEnv = process.env): AnnounceHandlerDeps {
  const config = AnnounceEnvSchema.parse(env);
  const db = createDocumentClient({ tableName: config.TABLE_NAME });
  return {
    announcements: new DynamoAnnouncementStore(db, config.TABLE_NAME),
    bus: snsEventBus(new SNSClient({}), { publications: config.PUBLICATIONS_TOPIC_ARN }),
    clock: systemClock,
    logger: jsonLogger({ service: 'outpost-announce' }),
    decodeImage: unmarshallStreamImage,
  };
}

/** Wires the scheduler: the services plus a log. */
export function awsSchedulerDeps(env: NodeJS.ProcessEnv = process.env): ServiceDeps & { logger: Logger } {
  return { ...awsServiceDeps(env), logger: jsonLogger({ service: 'outpost-scheduler' }) };
}

// delivery workers

/** A delivery worker's configuration: the service settings plus its own queue, for fan-out continuations. */
const DeliveryEnvSchema = ServiceEnvSchema.extend({
  /** URL of the worker's own SQS queue (set by the stack): large fan-outs continue there. */
  DELIVERY_QUEUE_URL: z.url(),
});

/** Wires a delivery worker (email, SMS or webhook): DynamoDB, SES / SNS SMS / HTTPS, SQS for continuations. Checked at cold start. */
export function awsDeliveryDeps(channel: 'email' | 'sms' | 'webhook', env: NodeJS.ProcessEnv = process.env): DeliveryDeps & { email: EmailSender; sms: SmsSender; webhooks: WebhookSender } {
  const config = DeliveryEnvSchema.parse(env);
  const db = createDocumentClient({ tableName: config.TABLE_NAME });
  return {
    ...messaging(config),
    subscriptions: new DynamoSubscriptionStore(db, config.TABLE_NAME),
    deliveries: new DynamoDeliveryStore(db, config.TABLE_NAME),
    requeue: sqsRequeue(new SQSClient({}), { [channel]: config.DELIVERY_QUEUE_URL }),
    webhooks: httpWebhookSender({ allowLoopback: false }),
    clock: systemClock,
    ids: ulidIds(),
    logger: jsonLogger({ service: `outpost-deliver-${channel}` }),
  };
}

// SES feedback

/** Wires the SES bounce/complaint handler: only the subscription store; it needs no secrets and sends nothing. */
export function awsSesFeedbackDeps(env: NodeJS.ProcessEnv = process.env): SesFeedbackDeps {
  const tableName = z.string().min(1).parse(env.TABLE_NAME);
  const db = createDocumentClient({ tableName });
  return { subscriptions: new DynamoSubscriptionStore(db, tableName), clock: systemClock, ids: ulidIds(), logger: jsonLogger({ service: 'outpost-ses-feedback' }) };
}

/**
 * Reads the secrets the stack passes by ARN (LINK_SIGNING_SECRET_ARN …) into
 * the environment, once, before a function wires anything that signs links or cookies.
 */
export function loadAwsSecrets(): Promise<void> {
  return loadSecretsFromArns(['LINK_SIGNING_SECRET', 'SESSION_SIGNING_SECRET']);
}
