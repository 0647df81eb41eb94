import { DynamoDirectory } from '../../../shared/adapters/dynamodb/directory-repository';
import { DynamoPublicationStore } from '../../../shared/adapters/dynamodb/publication-repository';
import { DynamoSearchIndexStore } from '../../../shared/adapters/dynamodb/search-index-repository';
import { unmarshallStreamImage } from '../../../shared/adapters/dynamodb/stream-image';
import { systemClock } from '../../../shared/adapters/system/clock';
import type { IndexSearchHandlerDeps } from '../../index-search/handler';
import { TableEnvSchema } from './env';
import type { LambdaObservability } from './observability';
import { awsTable } from './table';

/** Wires the search indexer: the table only (search log, snapshot chunks, and publications for a first build). */
export function awsIndexSearchDeps(observability: LambdaObservability, env: NodeJS.ProcessEnv = process.env): IndexSearchHandlerDeps {
  const { db, tableName } = awsTable(TableEnvSchema.parse(env), observability);
  return {
    searchIndex: new DynamoSearchIndexStore(db, tableName),
    publications: new DynamoPublicationStore(db, tableName),
    directory: new DynamoDirectory(db, tableName),
    clock: systemClock,
    logger: observability.logger,
    decodeImage: unmarshallStreamImage,
  };
}
