import { ArnFormat, CfnOutput, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as wafv2 from 'aws-cdk-lib/aws-wafv2';
import type { Construct } from 'constructs';

/** How many requests one client address may make in five minutes before it is blocked for a while. */
export interface WafLimits {
  /** Any request. */
  readonly perClient: number;
  /** Requests that send a message or start a sign-in (POST to sign-in, subscribe and personal-data paths). */
  readonly messageSending: number;
}

/** Paths where a POST sends an email or SMS to an address the caller names: flooding them costs money and reputation. */
const MESSAGE_SENDING_PATHS = ['/sign-in', '/subscribe', '/u/', '/v1/subscriptions', '/v1/personal-data'] as const;

/**
 * What a rate-based rule answers: 429 with an RFC 9457 problem, the same
 * `rate-limited` problem the API answers itself, which the OpenAPI document
 * promises on every operation. WAF offers no `application/problem+json`
 * content type (TEXT_PLAIN, TEXT_HTML, APPLICATION_JSON only); the body is
 * the problem document all the same. Retry-After is the rules' window.
 */
export const RATE_LIMITED_BODY_KEY = 'rate-limited';
const RATE_LIMITED_PROBLEM = {
  type: '/problems/rate-limited',
  title: 'Too Many Requests',
  status: 429,
  detail: 'Too many requests from this address; try again after the time in Retry-After.',
};
const rateLimited: wafv2.CfnWebACL.RuleActionProperty = {
  block: { customResponse: { responseCode: 429, customResponseBodyKey: RATE_LIMITED_BODY_KEY, responseHeaders: [{ name: 'retry-after', value: '300' }] } },
};

const visibility = (metricName: string): wafv2.CfnWebACL.VisibilityConfigProperty => ({ cloudWatchMetricsEnabled: true, metricName, sampledRequestsEnabled: true });

function managedRules(name: string, priority: number, overrides: readonly string[] = []): wafv2.CfnWebACL.RuleProperty {
  return {
    name,
    priority,
    overrideAction: { none: {} },
    statement: {
      managedRuleGroupStatement: {
        vendorName: 'AWS',
        name,
        // Rules we count instead of block, with the reason at the call.
        ...(overrides.length > 0 ? { ruleActionOverrides: overrides.map((rule) => ({ name: rule, actionToUse: { count: {} } })) } : {}),
      },
    },
    visibilityConfig: visibility(name),
  };
}

/**
 * The web ACL in front of CloudFront (CLOUDFRONT scope, so its stack lives
 * in us-east-1 whatever the region of the Outpost stack): rate-based rules
 * per client address, a tighter one on the paths that send messages, and
 * AWS's managed rules for common exploits, known bad inputs and addresses
 * with a bad reputation. Its ARN is an output for the Outpost stack's
 * `webAclArn` context. Requests and blocks are logged for 90 days.
 */
export class EdgeWafStack extends Stack {
  readonly webAcl: wafv2.CfnWebACL;

  constructor(scope: Construct, id: string, props: StackProps & { readonly limits: WafLimits }) {
    super(scope, id, props);
    const sendingPaths: wafv2.CfnWebACL.StatementProperty[] = MESSAGE_SENDING_PATHS.map((path) => ({
      byteMatchStatement: { fieldToMatch: { uriPath: {} }, positionalConstraint: 'STARTS_WITH', searchString: path, textTransformations: [{ priority: 0, type: 'NONE' }] },
    }));
    this.webAcl = new wafv2.CfnWebACL(this, 'WebAcl', {
      scope: 'CLOUDFRONT',
      defaultAction: { allow: {} },
      customResponseBodies: { [RATE_LIMITED_BODY_KEY]: { contentType: 'APPLICATION_JSON', content: JSON.stringify(RATE_LIMITED_PROBLEM) } },
      visibilityConfig: visibility('OutpostEdge'),
      rules: [
        {
          name: 'RateLimitPerClient',
          priority: 0,
          action: rateLimited,
          statement: { rateBasedStatement: { limit: props.limits.perClient, aggregateKeyType: 'IP', evaluationWindowSec: 300 } },
          visibilityConfig: visibility('RateLimitPerClient'),
        },
        {
          name: 'RateLimitMessageSending',
          priority: 1,
          action: rateLimited,
          statement: {
            rateBasedStatement: {
              limit: props.limits.messageSending,
              aggregateKeyType: 'IP',
              evaluationWindowSec: 300,
              scopeDownStatement: {
                andStatement: {
                  statements: [
                    { byteMatchStatement: { fieldToMatch: { method: {} }, positionalConstraint: 'EXACTLY', searchString: 'POST', textTransformations: [{ priority: 0, type: 'NONE' }] } },
                    { orStatement: { statements: sendingPaths } },
                  ],
                },
              },
            },
          },
          visibilityConfig: visibility('RateLimitMessageSending'),
        },
        managedRules('AWSManagedRulesAmazonIpReputationList', 2),
        // Publication bodies (Markdown) exceed the common set's 8 KB body limit; the API caps bodies at 256 KiB itself.
        managedRules('AWSManagedRulesCommonRuleSet', 3, ['SizeRestrictions_BODY']),
        managedRules('AWSManagedRulesKnownBadInputsRuleSet', 4),
      ],
    });
    // WAF logs only to log groups named aws-waf-logs-*, so this one name is fixed (after the stack).
    const logGroup = new logs.LogGroup(this, 'Logs', { logGroupName: `aws-waf-logs-${this.stackName}`, retention: logs.RetentionDays.THREE_MONTHS, removalPolicy: RemovalPolicy.RETAIN });
    new wafv2.CfnLoggingConfiguration(this, 'Logging', {
      resourceArn: this.webAcl.attrArn,
      logDestinationConfigs: [this.formatArn({ service: 'logs', resource: 'log-group', resourceName: logGroup.logGroupName, arnFormat: ArnFormat.COLON_RESOURCE_NAME })],
    });
    new CfnOutput(this, 'WebAclArn', { value: this.webAcl.attrArn, description: 'Pass to the Outpost stack: -c webAclArn=<this>.' });
  }
}
