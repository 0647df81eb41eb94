import type * as logs from 'aws-cdk-lib/aws-logs';
import type * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import type { Construct } from 'constructs';
import { functions } from '../../../shared/topology';
import { Edge } from '../constructs/edge';
import type { HandlerFunction } from '../constructs/handler-function';
import { HttpApi } from '../constructs/http-api';
import type { OutpostContext } from '../context';
import { SMS_SEND_ACTIONS, TRANSACT_WRITE, type FunctionFactory } from './function-factory';

/** The Hono app twice: `Api` for everything, `PublicRead` for the public GET routes with a read-only role. */
export interface ApiFunctions {
  readonly api: HandlerFunction;
  readonly publicRead: HandlerFunction;
}

const MAX_BODY_BYTES = String(262_144);

/** Both deployments of `functions/api`, with their grants. */
export function addApiFunctions(factory: FunctionFactory, resources: { linkSecret: secretsmanager.ISecret }): ApiFunctions {
  const { linkSecret } = resources;
  const api = factory.make('Api', functions.api, { env: { MAX_BODY_BYTES } });
  factory.allowTable(api, ['GetItem', 'BatchGetItem', 'Query', ...TRANSACT_WRITE]);
  factory.readSecret(api, linkSecret, 'LinkKey');
  factory.sendEmail(api);
  factory.allowSms(api, 'SmsToPhoneNumbers', SMS_SEND_ACTIONS);

  const publicRead = factory.make('PublicRead', functions.api, {
    env: { MAX_BODY_BYTES },
    description: 'The Hono app for public GET routes only; its role can read the table and nothing else.',
  });
  factory.allowTable(publicRead, ['GetItem', 'BatchGetItem', 'Query']);
  factory.readSecret(publicRead, linkSecret, 'LinkKey');
  return { api, publicRead };
}

/** The HTTP API in front of both functions, and CloudFront in front of the API. */
export function addApiAndEdge(scope: Construct, fns: ApiFunctions, settings: OutpostContext, logRetention: logs.RetentionDays): { httpApi: HttpApi; edge: Edge } {
  const httpApi = new HttpApi(scope, 'Http', {
    apiFunction: fns.api.function,
    readFunction: fns.publicRead.function,
    logRetention,
    rateLimit: settings.apiRateLimit,
    burstLimit: settings.apiBurstLimit,
  });
  const edge = new Edge(scope, 'Edge', {
    api: httpApi.api,
    ...(settings.domainName ? { domainName: settings.domainName } : {}),
    ...(settings.certificateArn ? { certificateArn: settings.certificateArn } : {}),
    ...(settings.webAclArn ? { webAclArn: settings.webAclArn } : {}),
  });
  return { httpApi, edge };
}
