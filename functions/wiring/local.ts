import { createDocumentClient } from '../../shared/adapters/dynamodb/client';
import { systemClock, ulidIds } from '../../shared/adapters/system/clock';
import { jsonLogger } from '../../shared/adapters/system/json-logger';
import { memoryOutbox } from '../../shared/adapters/outbox/memory-outbox';
import { hmacLinkSigner } from '../../shared/adapters/system/hmac-link-signer';
import { createHmac, randomBytes } from 'node:crypto';
import type { Logger } from '../../shared/ports/logger';
import type { ApiDeps } from '../http/env';
import { dynamoDeps } from './dynamo-deps';
import { DynamoAnnouncementStore } from '../../shared/adapters/dynamodb/announcement-repository';
import { unmarshallStreamImage } from '../../shared/adapters/dynamodb/stream-image';
import type { EventBus } from '../../shared/ports/event-bus';
import type { AnnounceHandlerDeps } from '../announce/handler';

export interface LocalConfig {
  endpoint: string;
  tableName: string;
  baseUrl: string;
  logger?: Logger;
  /** Signs links in messages; random per process unless given (npm start --persist keeps one in .data/). */
  linkSecret?: string;
}

/** Wires the API for one machine: DynamoDB Local, logs to stdout. */
export function localApiDeps(config: LocalConfig): ApiDeps {
  const db = createDocumentClient({ tableName: config.tableName, endpoint: config.endpoint });
  const ids = ulidIds();
  const outbox = memoryOutbox(systemClock, ids);
  const linkSecret = config.linkSecret ?? randomBytes(32).toString('base64url');
  return {
    ...dynamoDeps(db, config.tableName, systemClock, ids),
    email: outbox,
    sms: outbox,
    outbox,
    links: hmacLinkSigner(linkSecret),
    baseUrl: config.baseUrl,
    // Request lines would drown the start-up banner; LOG_LEVEL=info shows them.
    logger: config.logger ?? jsonLogger({ service: 'outpost-api' }, undefined, process.env.LOG_LEVEL === 'info' ? 'info' : 'warn'),
    config: {
      mode: 'local',
      baseUrl: config.baseUrl,
      maxBodyBytes: 262_144,
      // A key of its own for session cookies, derived so --persist keeps sessions valid across restarts.
      sessionSecret: createHmac('sha256', linkSecret).update('outpost session cookie').digest('base64url'),
    },
  };
}

// announce

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
    logger: config.logger ?? jsonLogger({ service: 'outpost-announce' }, undefined, process.env.LOG_LEVEL === 'info' ? 'info' : 'warn'),
    decodeImage: unmarshallStreamImage,
  };
}
