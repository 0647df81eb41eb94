import { DynamoDBClient, type DynamoDBClientConfig } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/** Where the table lives: its name and, locally, the DynamoDB Local endpoint. */
export interface TableConfig {
  tableName: string;
  endpoint?: string | undefined;
  region?: string | undefined;
}

/** A document client tuned for the table: undefined fields are dropped, not rejected. */
export function createDocumentClient(config: TableConfig, extra: Partial<DynamoDBClientConfig> = {}): DynamoDBDocumentClient {
  const local = config.endpoint !== undefined;
  const client = new DynamoDBClient({
    region: config.region ?? process.env.AWS_REGION ?? 'us-east-1',
    ...(local ? { endpoint: config.endpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } } : {}),
    maxAttempts: 5,
    ...extra,
  });
  return DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
}
