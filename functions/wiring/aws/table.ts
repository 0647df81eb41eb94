import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type * as z from 'zod';
import { createDocumentClient } from '../../../shared/adapters/dynamodb/client';
import type { TableEnvSchema } from './env';

/** The table in the account: a document client and its name. */
export function awsTable(config: z.infer<typeof TableEnvSchema>): { db: DynamoDBDocumentClient; tableName: string } {
  return { db: createDocumentClient({ tableName: config.TABLE_NAME }), tableName: config.TABLE_NAME };
}
