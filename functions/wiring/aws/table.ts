import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type * as z from 'zod';
import { createDocumentClient } from '../../../shared/adapters/dynamodb/client';
import type { TableEnvSchema } from './env';
import type { LambdaObservability } from './observability';

/** The table in the account: a document client (its calls traced) and its name. */
export function awsTable(config: z.infer<typeof TableEnvSchema>, observability: Pick<LambdaObservability, 'traced'>): { db: DynamoDBDocumentClient; tableName: string } {
  return { db: observability.traced(createDocumentClient({ tableName: config.TABLE_NAME })), tableName: config.TABLE_NAME };
}
