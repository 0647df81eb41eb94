import { SNSClient } from '@aws-sdk/client-sns';
import * as z from 'zod';
import { DynamoAnnouncementStore } from '../../../shared/adapters/dynamodb/announcement-repository';
import { unmarshallStreamImage } from '../../../shared/adapters/dynamodb/stream-image';
import { snsEventBus } from '../../../shared/adapters/sns/sns-event-bus';
import { systemClock } from '../../../shared/adapters/system/clock';
import { jsonLogger } from '../../../shared/adapters/system/json-logger';
import type { AnnounceHandlerDeps } from '../../announce/handler';
import { TableEnvSchema } from './env';
import { awsTable } from './table';

const AnnounceEnvSchema = TableEnvSchema.extend({
  /** ARN of the topology's `publications` topic (set by the stack). */
  PUBLICATIONS_TOPIC_ARN: z.string().startsWith('arn:'),
});

/** Wires the stream handler: announcement records in the table, SNS for the topic. No secrets: it signs nothing. */
export function awsAnnounceDeps(env: NodeJS.ProcessEnv = process.env): AnnounceHandlerDeps {
  const config = AnnounceEnvSchema.parse(env);
  const { db, tableName } = awsTable(config);
  return {
    announcements: new DynamoAnnouncementStore(db, tableName),
    bus: snsEventBus(new SNSClient({}), { publications: config.PUBLICATIONS_TOPIC_ARN }),
    clock: systemClock,
    logger: jsonLogger({ service: 'outpost-announce' }),
    decodeImage: unmarshallStreamImage,
  };
}
