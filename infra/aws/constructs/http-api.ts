import type { Duration} from 'aws-cdk-lib';
import { RemovalPolicy, Validations } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import * as apigw from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';

/**
 * The GET routes that only read: they go to the read-only function, whose
 * role cannot write the table or send anything. Everything else (mutations,
 * sign-in and confirmation links, which write on GET) reaches the full API
 * function through the default route.
 */
export const PUBLIC_READ_ROUTES = [
  '/',
  '/countries/{proxy+}',
  '/publications/{proxy+}',
  '/feeds/{proxy+}',
  '/cap/{proxy+}',
  '/openapi.json',
  '/v1/health',
  '/v1/countries',
  '/v1/countries/{proxy+}',
  '/v1/publications',
  '/v1/publications/{proxy+}',
] as const;

export interface HttpApiProps {
  /** Serves every route not listed in PUBLIC_READ_ROUTES. */
  readonly apiFunction: lambda.IFunction;
  /** Serves PUBLIC_READ_ROUTES with read-only permissions. */
  readonly readFunction: lambda.IFunction;
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
 * API Gateway HTTP API in front of the Hono app: JSON access logs, default
 * route throttling, and the read/write split of PUBLIC_READ_ROUTES.
 */
export class HttpApi extends Construct {
  readonly api: apigw.HttpApi;
  readonly stage: apigw.HttpStage;
  readonly accessLogs: logs.LogGroup;

  constructor(scope: Construct, id: string, props: HttpApiProps) {
    super(scope, id);
    const write = new HttpLambdaIntegration('Api', props.apiFunction, { payloadFormatVersion: apigw.PayloadFormatVersion.VERSION_2_0 });
    const read = new HttpLambdaIntegration('PublicRead', props.readFunction, { payloadFormatVersion: apigw.PayloadFormatVersion.VERSION_2_0 });
    this.api = new apigw.HttpApi(this, 'Api', {
      description: 'Outpost: public, member and publisher routes (one Hono app).',
      defaultIntegration: write,
      createDefaultStage: false,
    });
    for (const path of PUBLIC_READ_ROUTES) this.api.addRoutes({ path, methods: [apigw.HttpMethod.GET], integration: read });

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
