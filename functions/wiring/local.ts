import { createDocumentClient } from '../../shared/adapters/dynamodb/client';
import { systemClock, ulidIds } from '../../shared/adapters/system/clock';
import { jsonLogger } from '../../shared/adapters/system/json-logger';
import { memoryOutbox } from '../../shared/adapters/outbox/memory-outbox';
import { hmacLinkSigner } from '../../shared/adapters/system/hmac-link-signer';
import { randomBytes } from 'node:crypto';
import type { Logger } from '../../shared/ports/logger';
import type { ApiDeps } from '../api/env';
import { dynamoDeps } from './dynamo-deps';

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
  return {
    ...dynamoDeps(db, config.tableName, systemClock, ids),
    email: outbox,
    sms: outbox,
    outbox,
    links: hmacLinkSigner(config.linkSecret ?? randomBytes(32).toString('base64url')),
    baseUrl: config.baseUrl,
    // Request lines would drown the start-up banner; LOG_LEVEL=info shows them.
    logger: config.logger ?? jsonLogger({ service: 'outpost-api' }, undefined, process.env.LOG_LEVEL === 'info' ? 'info' : 'warn'),
    config: { mode: 'local', baseUrl: config.baseUrl, maxBodyBytes: 262_144 },
  };
}
