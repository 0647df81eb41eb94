import { SNSClient } from '@aws-sdk/client-sns';
import * as z from 'zod';
import { DynamoAnnouncementStore } from '../../../shared/adapters/dynamodb/announcement-repository';
import { unmarshallStreamImage } from '../../../shared/adapters/dynamodb/stream-image';
import { snsEventBus } from '../../../shared/adapters/sns/sns-event-bus';
import { systemClock } from '../../../shared/adapters/system/clock';
import { asyncCorrelation } from '../../../shared/adapters/system/correlation-scope';
import type { AnnounceHandlerDeps } from '../../announce/handler';
import { TableEnvSchema } from './env';
import type { LambdaObservability } from './observability';
import { awsTable } from './table';

const AnnounceEnvSchema = TableEnvSchema.extend({
  /** ARN of the topology's `publications` topic (set by the stack). */
  PUBLICATIONS_TOPIC_ARN: z.string().startsWith('arn:'),
});

/** Wires the stream handler: announcement records in the table, SNS for the topic. No secrets: it signs nothing. */
export function awsAnnounceDeps(observability: LambdaObservability, env: NodeJS.ProcessEnv = process.env): AnnounceHandlerDeps {
  const config = AnnounceEnvSchema.parse(env);
  const { db, tableName } = awsTable(config, observability);
  return {
    announcements: new DynamoAnnouncementStore(db, tableName),
    bus: snsEventBus(observability.traced(new SNSClient({})), { publications: config.PUBLICATIONS_TOPIC_ARN }),
    clock: systemClock,
    logger: observability.logger,
    decodeImage: unmarshallStreamImage,
    correlation: asyncCorrelation,
  };
}
