import type { BulkEmailSender, EmailSender } from '../../shared/ports/messaging';
import { createHmac, randomBytes } from 'node:crypto';
import { DynamoAnnouncementStore } from '../../shared/adapters/dynamodb/announcement-repository';
import { createDocumentClient } from '../../shared/adapters/dynamodb/client';
import { DynamoDirectory } from '../../shared/adapters/dynamodb/directory-repository';
import { DynamoPublicationStore } from '../../shared/adapters/dynamodb/publication-repository';
import { DynamoSearchIndexStore } from '../../shared/adapters/dynamodb/search-index-repository';
import { unmarshallStreamImage } from '../../shared/adapters/dynamodb/stream-image';
import { memoryOutbox } from '../../shared/adapters/outbox/memory-outbox';
import { memorySmsOptOuts } from '../../shared/adapters/outbox/memory-sms-opt-outs';
import { smtpEmailSender, teeEmailSender } from '../../shared/adapters/smtp/smtp-email-sender';
import { systemClock, ulidIds } from '../../shared/adapters/system/clock';
import { asyncCorrelation } from '../../shared/adapters/system/correlation-scope';
import { hmacLinkSigner } from '../../shared/adapters/system/hmac-link-signer';
import { jsonLogger } from '../../shared/adapters/system/json-logger';
import type { EventBus } from '../../shared/ports/event-bus';
import type { Logger } from '../../shared/ports/logger';
import type { Requeue } from '../../shared/ports/requeue';
import type { AnnounceHandlerDeps } from '../announce/handler';
import type { IndexSearchHandlerDeps } from '../index-search/handler';
import type { ApiDeps } from '../http/env';
import type { SchedulerDeps } from '../scheduler/handler';
import { dynamoDeps } from './dynamo-deps';
import { httpWebhookSender } from '../../shared/adapters/webhook/http-webhook-sender';

/** The From address of local SMTP mail when `smtpFrom` is not given. */
const LOCAL_SMTP_FROM = 'Outpost <alerts@outpost.localhost>';

export interface LocalConfig {
  endpoint: string;
  tableName: string;
  baseUrl: string;
  logger?: Logger;
  /** Signs links in messages; random per process unless given (npm start --persist keeps one in .data/). */
  linkSecret?: string;
  /**
   * Also send email by SMTP (nodemailer), e.g. `smtp://127.0.0.1:1025` for
   * Mailpit; `npm start` passes `SMTP_URL`. Every email is still recorded
   * in the outbox once the SMTP server has taken it.
   */
  smtpUrl?: string | undefined;
  /** The From address of SMTP mail; defaults to LOCAL_SMTP_FROM. */
  smtpFrom?: string | undefined;
}

// Request lines would drown the start-up banner; LOG_LEVEL=info shows them.
const defaultLogger = (service: string): Logger => jsonLogger({ service }, undefined, process.env.LOG_LEVEL === 'info' ? 'info' : 'warn');

/** The local wiring: the API's ports, with an email sender that also sends in bulk, as the local email worker needs. */
export type LocalApiDeps = ApiDeps & { email: EmailSender & BulkEmailSender };

/**
 * Wires the API for one machine: DynamoDB Local, the outbox for email and
 * SMS (email by SMTP too when `smtpUrl` is set), the in-memory carrier
 * opt-out list that the outbox honours, logs to stdout. The local runtime's
 * workers and scheduler share these ports: local mode is one process.
 */
export function localApiDeps(config: LocalConfig): LocalApiDeps {
  const db = createDocumentClient({ tableName: config.tableName, endpoint: config.endpoint });
  const ids = ulidIds();
  const smsOptOuts = memorySmsOptOuts();
  const outbox = memoryOutbox(systemClock, ids, smsOptOuts);
  const linkSecret = config.linkSecret ?? randomBytes(32).toString('base64url');
  return {
    ...dynamoDeps(db, config.tableName, systemClock, ids, asyncCorrelation),
    correlation: asyncCorrelation,
    email: config.smtpUrl ? teeEmailSender(smtpEmailSender(config.smtpUrl, config.smtpFrom ?? LOCAL_SMTP_FROM), outbox) : outbox,
    sms: outbox,
    outbox,
    smsOptOuts,
    links: hmacLinkSigner(linkSecret),
    baseUrl: config.baseUrl,
    // Local mode: a developer's receiver on this machine is a fine target.
    webhooks: httpWebhookSender({ allowLoopback: true }),
    logger: config.logger ?? defaultLogger('outpost-api'),
    config: {
      mode: 'local',
      baseUrl: config.baseUrl,
      maxBodyBytes: 262_144,
      // Outbox and local SMTP sends take milliseconds: a quarter second hides them.
      minAnswerMs: 250,
      // A key of its own for session cookies, derived so --persist keeps sessions valid across restarts.
      sessionSecret: createHmac('sha256', linkSecret).update('outpost session cookie').digest('base64url'),
    },
  };
}

/**
 * Wires the stream handler for one machine: announcement records in
 * DynamoDB Local, and the event bus the local runtime built on its
 * in-process bus.
 */
export function localAnnounceDeps(config: { endpoint: string; tableName: string; bus: EventBus; logger?: Logger }): AnnounceHandlerDeps {
  const db = createDocumentClient({ tableName: config.tableName, endpoint: config.endpoint });
  return {
    announcements: new DynamoAnnouncementStore(db, config.tableName),
    bus: config.bus,
    clock: systemClock,
    logger: config.logger ?? defaultLogger('outpost-announce'),
    decodeImage: unmarshallStreamImage,
    correlation: asyncCorrelation,
  };
}

/** Wires the search indexer for one machine: the same table, as in AWS. */
export function localIndexSearchDeps(config: { endpoint: string; tableName: string; logger?: Logger }): IndexSearchHandlerDeps {
  const db = createDocumentClient({ tableName: config.tableName, endpoint: config.endpoint });
  return {
    searchIndex: new DynamoSearchIndexStore(db, config.tableName),
    publications: new DynamoPublicationStore(db, config.tableName),
    directory: new DynamoDirectory(db, config.tableName),
    clock: systemClock,
    logger: config.logger ?? defaultLogger('outpost-index-search'),
    decodeImage: unmarshallStreamImage,
  };
}

/** Wires the scheduler from the API's ports: the same stores, the local bus's queues, and the local opt-out list (an empty one if the API has none). */
export function localSchedulerDeps(deps: ApiDeps, requeue: Requeue, logger: Logger = deps.logger): SchedulerDeps {
  return {
    publications: deps.publications,
    subscriptions: deps.subscriptions,
    digests: deps.digests,
    held: deps.held,
    deliveries: deps.deliveries,
    requeue,
    clock: deps.clock,
    ids: deps.ids,
    smsOptOuts: deps.smsOptOuts ?? memorySmsOptOuts(),
    logger,
    safetyMessages: { safetyChecks: deps.safetyChecks, travelers: deps.travelers, directory: deps.directory, email: deps.email, sms: deps.sms, clock: deps.clock, ids: deps.ids, baseUrl: deps.baseUrl, logger },
    ...(deps.correlation ? { correlation: deps.correlation } : {}),
  };
}
