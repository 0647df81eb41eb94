import { SQSClient } from '@aws-sdk/client-sqs';
import * as z from 'zod';
import { DynamoDeliveryStore } from '../../../shared/adapters/dynamodb/delivery-repository';
import { DynamoSubscriptionStore } from '../../../shared/adapters/dynamodb/subscription-repository';
import { DynamoOrganizationSettingsStore } from '../../../shared/adapters/dynamodb/organization-settings-repository';
import { DynamoTravelerStore } from '../../../shared/adapters/dynamodb/traveler-repository';
import { sqsRequeue } from '../../../shared/adapters/sqs/sqs-requeue';
import { systemClock, ulidIds } from '../../../shared/adapters/system/clock';
import { jsonLogger } from '../../../shared/adapters/system/json-logger';
import type { Channel } from '../../../shared/domain/channel';
import { DynamoRateLimiter } from '../../../shared/adapters/dynamodb/rate-limiter';
import type { DeliveryDeps } from '../../../shared/services/delivery-work';
import { BaseUrlEnvSchema, QueueEnvSchema, TableEnvSchema, baseUrlOf } from './env';
import { awsTable } from './table';

/** What every delivery worker parses: the table, the public base URL, its own queue. */
export const DeliveryEnvSchema = TableEnvSchema.extend({
  ...BaseUrlEnvSchema.shape,
  ...QueueEnvSchema.shape,
  /** The account's SES maximum send rate (messages per second) and SMS transactions per second, shared by every worker. */
  SEND_RATE_EMAIL: z.coerce.number().int().positive().default(14),
  SEND_RATE_SMS: z.coerce.number().int().positive().default(20),
});

/**
 * The part of a delivery worker every channel shares: subscriptions and
 * deliveries on the table, travelers and their organizations' settings (traveler parts), SQS for fan-out continuations on the worker's
 * own queue, the clock, ids and a log. Each channel's wiring adds its sender.
 */
export function awsDeliveryDeps(channel: Channel, config: z.infer<typeof DeliveryEnvSchema>): DeliveryDeps {
  const { db, tableName } = awsTable(config);
  return {
    subscriptions: new DynamoSubscriptionStore(db, tableName),
    deliveries: new DynamoDeliveryStore(db, tableName),
    travelers: new DynamoTravelerStore(db, tableName),
    organizationSettings: new DynamoOrganizationSettingsStore(db, tableName),
    rateLimits: new DynamoRateLimiter(db, tableName),
    sendRates: { email: config.SEND_RATE_EMAIL, sms: config.SEND_RATE_SMS },
    requeue: sqsRequeue(new SQSClient({}), { [channel]: config.DELIVERY_QUEUE_URL }),
    baseUrl: baseUrlOf(config),
    clock: systemClock,
    ids: ulidIds(),
    logger: jsonLogger({ service: `outpost-deliver-${channel}` }),
  };
}
