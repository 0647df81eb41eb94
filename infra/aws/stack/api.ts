import type * as logs from 'aws-cdk-lib/aws-logs';
import type * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import type { Construct } from 'constructs';
import { functions, topology, type FunctionSpec } from '../../../shared/topology';
import { Edge } from '../constructs/edge';
import type { HandlerFunction } from '../constructs/handler-function';
import { HttpApi } from '../constructs/http-api';
import type { OutpostContext } from '../context';
import { SMS_SEND_ACTIONS, TRANSACT_WRITE, type FunctionFactory } from './function-factory';

/** The three functions that serve HTTP, one per surface (functions/api/surfaces). */
export interface ApiFunctions {
  readonly api: HandlerFunction;
  readonly publicRead: HandlerFunction;
  readonly web: HandlerFunction;
}

const MAX_BODY_BYTES = String(262_144);

/**
 * The HTTP functions with their grants: `Api` writes the table and holds
 * nothing else; `PublicRead` only reads the table (and the link key that
 * verifies session cookies); `Web` writes the table, sends email and SMS
 * and reads the link key.
 */
export function addApiFunctions(factory: FunctionFactory, resources: { linkSecret: secretsmanager.ISecret }): ApiFunctions {
  const { linkSecret } = resources;
  const api = factory.make('Api', functions.api, { env: { MAX_BODY_BYTES } });
  factory.allowTable(api, ['GetItem', 'BatchGetItem', 'Query', ...TRANSACT_WRITE]);

  const publicRead = factory.make('PublicRead', functions.publicRead, { env: { MAX_BODY_BYTES } });
  factory.allowTable(publicRead, ['GetItem', 'BatchGetItem', 'Query']);
  factory.readSecret(publicRead, linkSecret, 'LinkKey');

  const web = factory.make('Web', functions.web, { env: { MAX_BODY_BYTES } });
  factory.allowTable(web, ['GetItem', 'BatchGetItem', 'Query', 'BatchWriteItem', ...TRANSACT_WRITE]);
  factory.readSecret(web, linkSecret, 'LinkKey');
  factory.sendEmail(web, 'single');
  factory.allowSms(web, 'SmsToPhoneNumbers', SMS_SEND_ACTIONS);
  return { api, publicRead, web };
}

/** The HTTP API in front of the three functions (routes from `topology.http`), and CloudFront in front of the API. */
export function addApiAndEdge(
  scope: Construct,
  fns: ApiFunctions,
  resources: { settings: OutpostContext; logRetention: logs.RetentionDays; originSecret: secretsmanager.ISecret },
): { httpApi: HttpApi; edge: Edge } {
  const { settings, logRetention, originSecret } = resources;
  const bySpec = new Map<FunctionSpec, HandlerFunction>([
    [functions.api, fns.api],
    [functions.publicRead, fns.publicRead],
    [functions.web, fns.web],
  ]);
  const httpApi = new HttpApi(scope, 'Http', {
    routes: topology.http,
    functionFor: (spec) => {
      const fn = bySpec.get(spec);
      if (!fn) throw new Error(`No HTTP function for ${spec.entry}`);
      return fn.function;
    },
    logRetention,
    rateLimit: settings.apiRateLimit,
    burstLimit: settings.apiBurstLimit,
  });
  const edge = new Edge(scope, 'Edge', {
    api: httpApi.api,
    originSecret,
    ...(settings.domainName ? { domainName: settings.domainName } : {}),
    ...(settings.certificateArn ? { certificateArn: settings.certificateArn } : {}),
    ...(settings.webAclArn ? { webAclArn: settings.webAclArn } : {}),
  });
  return { httpApi, edge };
}
