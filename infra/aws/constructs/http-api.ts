import type { Duration} from 'aws-cdk-lib';
import { RemovalPolicy, Validations } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import * as apigw from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import type { FunctionSpec, HttpSpec } from '../../../shared/topology';

/** `functions/public-read/lambda.ts` → `PublicRead`: the integration's id, from the entry's folder. */
function integrationId(spec: FunctionSpec): string {
  const folder = spec.entry.split('/').at(-2) ?? 'Function';
  return folder.split('-').map((part) => part.charAt(0).toUpperCase() + part.slice(1)).join('');
}

export interface HttpApiProps {
  /** Which function serves which routes (`topology.http`). */
  readonly routes: HttpSpec;
  /** The deployed function of each spec the routes name. */
  readonly functionFor: (spec: FunctionSpec) => lambda.IFunction;
  readonly logRetention: logs.RetentionDays;
  readonly rateLimit: number;
  readonly burstLimit: number;
}

/** The JSON access-log line: one object per request, no query strings or headers (they may carry personal data). */
const ACCESS_LOG_FORMAT = {
  requestId: '$context.requestId',
  time: '$context.requestTime',
  method: '$context.httpMethod',
  routeKey: '$context.routeKey',
  status: '$context.status',
  latencyMs: '$context.responseLatency',
  integrationLatencyMs: '$context.integrationLatency',
  integrationError: '$context.integrationErrorMessage',
  responseLength: '$context.responseLength',
  protocol: '$context.protocol',
  userAgent: '$context.identity.userAgent',
};

/**
 * API Gateway HTTP API in front of the functions that serve HTTP: JSON
 * access logs, default route throttling, and one route per method and path
 * of the topology's `http` table to the function serving it (unmatched
 * requests to the default function).
 */
export class HttpApi extends Construct {
  readonly api: apigw.HttpApi;
  readonly stage: apigw.HttpStage;
  readonly accessLogs: logs.LogGroup;

  constructor(scope: Construct, id: string, props: HttpApiProps) {
    super(scope, id);
    const integrations = new Map<FunctionSpec, HttpLambdaIntegration>();
    const integrationFor = (spec: FunctionSpec): HttpLambdaIntegration => {
      let integration = integrations.get(spec);
      if (!integration) {
        integration = new HttpLambdaIntegration(integrationId(spec), props.functionFor(spec), { payloadFormatVersion: apigw.PayloadFormatVersion.VERSION_2_0 });
        integrations.set(spec, integration);
      }
      return integration;
    };
    this.api = new apigw.HttpApi(this, 'Api', {
      description: 'Outpost: the JSON API, public reads, and the pages of people, each served by its own function.',
      defaultIntegration: integrationFor(props.routes.default),
      createDefaultStage: false,
    });
    for (const group of props.routes.routes) {
      for (const path of group.paths) this.api.addRoutes({ path, methods: group.methods.map((m) => apigw.HttpMethod[m]), integration: integrationFor(group.handler) });
    }

    this.accessLogs = new logs.LogGroup(this, 'AccessLogs', { retention: props.logRetention, removalPolicy: RemovalPolicy.RETAIN });
    this.stage = new apigw.HttpStage(this, 'DefaultStage', {
      httpApi: this.api,
      stageName: '$default',
      autoDeploy: true,
      throttle: { rateLimit: props.rateLimit, burstLimit: props.burstLimit },
      accessLogSettings: {
        destination: new apigw.LogGroupLogDestination(this.accessLogs),
        format: AccessLogFormat.custom(JSON.stringify(ACCESS_LOG_FORMAT)),
      },
    });

    for (const route of this.api.node.findAll()) {
      if (route instanceof apigw.HttpRoute) {
        Validations.of(route).acknowledge({
          id: 'AwsSolutions-APIG4',
          reason: 'Authentication is per route inside the Hono app (API keys, session cookies); public reads need none. An API Gateway authorizer cannot express the TLP sharing rules.',
        });
      }
    }
  }

  /** 5xx responses of the stage per period. */
  metricServerErrors(period: Duration): cloudwatch.Metric {
    return this.api.metricServerError({ period, statistic: 'Sum' });
  }
}
