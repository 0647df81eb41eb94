import { z } from 'zod';
import { createDocumentClient } from '../../shared/adapters/dynamodb/client';
import { systemClock, ulidIds } from '../../shared/adapters/system/clock';
import { jsonLogger } from '../../shared/adapters/system/json-logger';
import type { ServiceDeps } from '../../shared/services/deps';
import type { ApiDeps } from '../api/env';
import { dynamoDeps } from './dynamo-deps';

/** Lambda configuration, checked once at cold start. */
const EnvSchema = z.object({
  TABLE_NAME: z.string().min(1),
  PUBLIC_BASE_URL: z.url(),
  MAX_BODY_BYTES: z.coerce.number().int().positive().default(262_144),
});

/** Wires the API for Lambda: DynamoDB in the account, logs to CloudWatch. */
export function awsApiDeps(env: NodeJS.ProcessEnv = process.env): ApiDeps {
  const config = EnvSchema.parse(env);
  const db = createDocumentClient({ tableName: config.TABLE_NAME });
  return {
    ...dynamoDeps(db, config.TABLE_NAME, systemClock, ulidIds()),
    logger: jsonLogger({ service: 'outpost-api' }),
    config: { mode: 'aws', baseUrl: config.PUBLIC_BASE_URL.replace(/\/$/, ''), maxBodyBytes: config.MAX_BODY_BYTES },
  };
}

/** Wires the services alone, for workers such as the scheduler. */
export function awsServiceDeps(env: NodeJS.ProcessEnv = process.env): ServiceDeps {
  const tableName = z.string().min(1).parse(env.TABLE_NAME);
  return dynamoDeps(createDocumentClient({ tableName }), tableName, systemClock, ulidIds());
}
