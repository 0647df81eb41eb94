import { Duration, Fn, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';
import type * as apigw from 'aws-cdk-lib/aws-apigatewayv2';
import * as s3 from 'aws-cdk-lib/aws-s3';
import type * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { BEHAVIOURS, DEFAULT_BEHAVIOUR, EdgePolicies, type Behaviour } from './edge-behaviours';

/** The origin secret's header as CloudFront writes it (the functions read it case-insensitively). */
export const ORIGIN_SECRET_HEADER_NAME = 'X-Outpost-Origin-Verify';

export interface EdgeProps {
  readonly api: apigw.IHttpApi;
  /** Its value goes with every request CloudFront forwards to the API. */
  readonly originSecret: secretsmanager.ISecret;
  readonly domainName?: string;
  readonly certificateArn?: string;
  readonly webAclArn?: string;
}

/**
 * CloudFront in front of the HTTP API, and the only way in: every request
 * it forwards carries the origin secret (ORIGIN_SECRET_HEADER), without
 * which the functions refuse it. Caching follows edge-behaviours.ts: cached
 * paths honour the origin's Cache-Control with an allow-list of query
 * parameters each; the pages of people are never cached
 * (docs/decisions/0042-origin-behind-cloudfront.md).
 */
export class Edge extends Construct {
  readonly distribution: cloudfront.Distribution;
  /** The public origin: `https://` plus the custom domain or the distribution's own. */
  readonly baseUrl: string;

  constructor(scope: Construct, id: string, props: EdgeProps) {
    super(scope, id);
    const logs = new s3.Bucket(this, 'AccessLogs', {
      encryption: s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      // CloudFront standard logging writes with ACLs.
      objectOwnership: s3.ObjectOwnership.OBJECT_WRITER,
      lifecycleRules: [{ expiration: Duration.days(90) }],
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(logs).acknowledge({ id: 'AwsSolutions-S1', reason: 'This bucket receives CloudFront access logs; logging its own access would recurse.' });

    // The API's endpoint is https://<id>.execute-api.<region>.amazonaws.com.
    const origin = new origins.HttpOrigin(Fn.select(2, Fn.split('/', props.api.apiEndpoint)), {
      protocolPolicy: cloudfront.OriginProtocolPolicy.HTTPS_ONLY,
      originSslProtocols: [cloudfront.OriginSslPolicy.TLS_V1_2],
      // Resolved by CloudFormation at deploy time; the rotation function changes it in place between deploys.
      customHeaders: { [ORIGIN_SECRET_HEADER_NAME]: props.originSecret.secretValue.unsafeUnwrap() },
    });
    const policies = new EdgePolicies(this);
    const behaviour = (b: Behaviour): cloudfront.BehaviorOptions => ({
      origin,
      viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
      // Pages and documents are read-only; the API and the pages of people take forms and JSON.
      allowedMethods: b.kind === 'page' || b.kind === 'document' ? cloudfront.AllowedMethods.ALLOW_GET_HEAD : cloudfront.AllowedMethods.ALLOW_ALL,
      cachedMethods: cloudfront.CachedMethods.CACHE_GET_HEAD,
      cachePolicy: policies.cachePolicy(b),
      originRequestPolicy: policies.originRequestPolicy(b),
      compress: true,
    });

    const certificate = props.certificateArn ? acm.Certificate.fromCertificateArn(this, 'Certificate', props.certificateArn) : undefined;
    this.distribution = new cloudfront.Distribution(this, 'Distribution', {
      comment: `Outpost (${Stack.of(this).stackName})`,
      defaultBehavior: behaviour(DEFAULT_BEHAVIOUR),
      additionalBehaviors: Object.fromEntries(BEHAVIOURS.map(([path, b]) => [path, behaviour(b)])),
      httpVersion: cloudfront.HttpVersion.HTTP2_AND_3,
      priceClass: cloudfront.PriceClass.PRICE_CLASS_ALL,
      enableLogging: true,
      logBucket: logs,
      logFilePrefix: 'cloudfront/',
      ...(props.domainName && certificate
        ? { domainNames: [props.domainName], certificate, minimumProtocolVersion: cloudfront.SecurityPolicyProtocol.TLS_V1_2_2021 }
        : {}),
      ...(props.webAclArn ? { webAclId: props.webAclArn } : {}),
    });
    this.baseUrl = `https://${props.domainName ?? this.distribution.distributionDomainName}`;

    Validations.of(this.distribution).acknowledge({
      id: 'AwsSolutions-CFR1',
      reason: 'Advisories are for travellers and companies in every country, including the countries they describe; geo restriction would defeat the purpose.',
    });
    if (!props.webAclArn) {
      Validations.of(this.distribution).acknowledge({
        id: 'AwsSolutions-CFR2',
        reason: 'A dev stage without a web ACL: a prod stage refuses to synthesize without webAclArn (the WAF stack in us-east-1, docs/operations.md). API Gateway throttling bounds abuse meanwhile.',
      });
    }
    if (!props.domainName) {
      Validations.of(this.distribution).acknowledge({
        id: 'AwsSolutions-CFR4',
        reason: 'A dev stage without a custom domain uses the *.cloudfront.net certificate, whose minimum protocol CloudFront fixes at TLSv1; a prod stage requires domainName, served with TLSv1.2_2021.',
      });
    }
  }
}
