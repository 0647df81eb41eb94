import { readFileSync } from 'node:fs';
import { Validations } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks, ServerlessChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { describe, expect, it } from 'vitest';
import { BUNDLING_STACKS, createOutpostApp, projectContext } from '../../infra/aws/outpost-app';
import { RATE_LIMITED_BODY_KEY } from '../../infra/aws/constructs/edge-waf';
import { createWafApp } from '../../infra/aws/waf';
import { resources, synthOutpost } from './stack';

/**
 * A prod stage names everything production needs or does not synthesize; a
 * dev stage runs on defaults. The values a prod deployment passes:
 */
const PROD = {
  stage: 'prod',
  senderDomain: 'osac.example',
  domainName: 'outpost.osac.example',
  certificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/0f2c5b1e-1111-2222-3333-444455556666',
  webAclArn: 'arn:aws:wafv2:us-east-1:123456789012:global/webacl/outpost/9a8b7c6d-1111-2222-3333-444455556666',
  alarmEmail: 'ops@osac.example, oncall@osac.example',
};

const findings = (scope: IConstruct) =>
  [new AwsSolutionsChecks(), new ServerlessChecks()].flatMap((pack) => pack.validateScope(scope).violations.map((v) => `${v.ruleName} @ ${v.violatingResources.map((r) => r.constructPath).join(', ')}`));

const acknowledged = (scope: IConstruct) =>
  new Set(scope.node.findAll().flatMap((c) => c.node.metadata.filter((m) => m.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY).flatMap((m) => Object.keys(m.data as Record<string, string>))));

describe('a prod stage', () => {
  it('refuses to synthesize without a sender domain, a custom domain, a web ACL and alarm recipients, naming each', () => {
    expect(() => createOutpostApp({ nag: false, context: { [BUNDLING_STACKS]: [], stage: 'prod' } })).toThrow(
      /Stage prod cannot be synthesized without:\n {2}- senderDomain: [^\n]+\n {2}- domainName and certificateArn: [^\n]+\n {2}- webAclArn: [^\n]+\n {2}- alarmEmail: /,
    );
  });

  it('names only what is still missing', () => {
    const { webAclArn: _, ...withoutWaf } = PROD;
    expect(() => createOutpostApp({ nag: false, context: { [BUNDLING_STACKS]: [], ...withoutWaf } })).toThrow(/without:\n {2}- webAclArn: [^\n]+$/);
  });

  it('rejects a certificate outside us-east-1 and a web ACL of regional scope', () => {
    expect(() => createOutpostApp({ nag: false, context: { [BUNDLING_STACKS]: [], ...PROD, certificateArn: PROD.certificateArn.replace('us-east-1', 'eu-west-1') } })).toThrow(/us-east-1/);
    expect(() => createOutpostApp({ nag: false, context: { [BUNDLING_STACKS]: [], ...PROD, webAclArn: PROD.webAclArn.replace('global/', 'regional/') } })).toThrow(/CLOUDFRONT scope/);
    expect(() => createOutpostApp({ nag: false, context: { [BUNDLING_STACKS]: [], stage: 'staging' } })).toThrow(/dev, prod/);
  });

  const prod = synthOutpost({ context: PROD });

  it('passes cdk-nag with no acknowledgement beyond those of a dev stage, and none for a missing web ACL or domain', () => {
    expect(findings(prod.app)).toEqual([]);
    const prodAcks = acknowledged(prod.app);
    const devAcks = acknowledged(synthOutpost().app);
    expect([...prodAcks].filter((id) => !devAcks.has(id))).toEqual([]);
    expect([...prodAcks].filter((id) => /CFR2|CFR4/.test(id))).toEqual([]);
  });

  it('serves its domain with its certificate over TLS 1.2 behind the web ACL', () => {
    const config = Object.values(resources(prod.template, 'AWS::CloudFront::Distribution'))[0]!.Properties.DistributionConfig;
    expect(config.Aliases).toEqual([PROD.domainName]);
    expect(config.ViewerCertificate).toMatchObject({ AcmCertificateArn: PROD.certificateArn, MinimumProtocolVersion: 'TLSv1.2_2021', SslSupportMethod: 'sni-only' });
    expect(config.WebACLId).toBe(PROD.webAclArn);
  });

  it('verifies the sender domain with DKIM, sends from alerts@ it, and mails each alarm recipient', () => {
    prod.template.hasResourceProperties('AWS::SES::EmailIdentity', { EmailIdentity: PROD.senderDomain });
    for (const fn of Object.values(resources(prod.template, 'AWS::Lambda::Function'))) expect(fn.Properties.Environment.Variables.SENDER_EMAIL).toBe('alerts@osac.example');
    const mailed = Object.values(resources(prod.template, 'AWS::SNS::Subscription')).filter((s) => s.Properties.Protocol === 'email').map((s) => s.Properties.Endpoint);
    expect(mailed.sort()).toEqual(['oncall@osac.example', 'ops@osac.example']);
  });

  it('is named for its stage and keeps its logs a year', () => {
    expect(prod.stack.stackName).toBe('Outpost-prod');
    for (const group of Object.values(resources(prod.template, 'AWS::Logs::LogGroup'))) expect(group.Properties.RetentionInDays).toBe(365);
  });
});

describe('a dev stage', () => {
  const dev = synthOutpost();

  it('synthesizes with no context at all, creating no SES identity for an address nobody verified', () => {
    expect(dev.stack.stackName).toBe('Outpost-dev');
    dev.template.resourceCountIs('AWS::SES::EmailIdentity', 0);
    for (const fn of Object.values(resources(dev.template, 'AWS::Lambda::Function'))) expect(fn.Properties.Environment.Variables.SENDER_EMAIL).toBe('no-sender@outpost.invalid');
  });

  it('verifies the one sender address it is given', () => {
    synthOutpost({ context: { senderEmail: 'me@dev.example' } }).template.hasResourceProperties('AWS::SES::EmailIdentity', { EmailIdentity: 'me@dev.example' });
  });
});

describe('every stage', () => {
  it('sets every feature flag that this aws-cdk-lib recommends, in cdk.json', () => {
    const recommended = JSON.parse(readFileSync(require.resolve('aws-cdk-lib/recommended-feature-flags.json'), 'utf8')) as Record<string, unknown>;
    expect(projectContext()).toEqual(expect.objectContaining(recommended));
  });

  it('keeps the link-signing secret when the stack goes, so links and sessions outlive a re-creation', () => {
    const { template } = synthOutpost();
    const secrets = resources(template, 'AWS::SecretsManager::Secret');
    const link = Object.entries(secrets).find(([id]) => id.startsWith('LinkSigningSecret'))![1];
    expect(link.DeletionPolicy).toBe('Retain');
    expect(link.UpdateReplacePolicy).toBe('Retain');
  });

  it('grants SNS the messaging key for this account only, with no statement CDK adds without a condition', () => {
    const { template } = synthOutpost();
    for (const key of Object.values(resources(template, 'AWS::KMS::Key'))) {
      for (const statement of key.Properties.KeyPolicy.Statement as { Principal: Record<string, unknown>; Condition?: unknown }[]) {
        if (statement.Principal.Service) expect(statement.Condition, JSON.stringify(statement.Principal)).toEqual({ StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } } });
      }
    }
  });
});

describe('the WAF stack', () => {
  const { app, stack } = createWafApp({ context: { stage: 'prod' }, nag: false });
  const template = Template.fromStack(stack);
  const rules = () => Object.values(resources(template, 'AWS::WAFv2::WebACL'))[0]!.Properties.Rules as { Name: string; Action?: unknown; Statement: Record<string, any> }[];

  it('lives in us-east-1 with CLOUDFRONT scope, and outputs the ARN the Outpost stack takes', () => {
    expect(stack.region).toBe('us-east-1');
    template.hasResourceProperties('AWS::WAFv2::WebACL', { Scope: 'CLOUDFRONT', DefaultAction: { Allow: {} } });
    template.hasOutput('WebAclArn', {});
  });

  it('blocks a client over 2,000 requests in five minutes, and over 100 message-sending POSTs', () => {
    const [perClient, sending] = rules();
    expect(perClient).toMatchObject({ Name: 'RateLimitPerClient', Statement: { RateBasedStatement: { Limit: 2000, AggregateKeyType: 'IP', EvaluationWindowSec: 300 } } });
    expect(sending).toMatchObject({ Name: 'RateLimitMessageSending', Statement: { RateBasedStatement: { Limit: 100, AggregateKeyType: 'IP' } } });
    expect(JSON.stringify(sending!.Statement)).toContain('/v1/subscriptions');
  });

  it('answers a rate-limited client 429 with the rate-limited problem document and Retry-After, as the OpenAPI document promises', () => {
    const acl = Object.values(resources(template, 'AWS::WAFv2::WebACL'))[0]!.Properties;
    const body = acl.CustomResponseBodies[RATE_LIMITED_BODY_KEY] as { ContentType: string; Content: string };
    expect(body.ContentType).toBe('APPLICATION_JSON');
    expect(JSON.parse(body.Content)).toMatchObject({ type: '/problems/rate-limited', status: 429, title: 'Too Many Requests' });
    for (const rule of rules().slice(0, 2)) {
      expect(rule.Action, rule.Name).toEqual({ Block: { CustomResponse: { ResponseCode: 429, CustomResponseBodyKey: RATE_LIMITED_BODY_KEY, ResponseHeaders: [{ Name: 'retry-after', Value: '300' }] } } });
    }
  });

  it("applies AWS's managed rules for IP reputation, common exploits and known bad inputs", () => {
    expect(rules().map((r) => r.Statement.ManagedRuleGroupStatement?.Name).filter(Boolean)).toEqual(['AWSManagedRulesAmazonIpReputationList', 'AWSManagedRulesCommonRuleSet', 'AWSManagedRulesKnownBadInputsRuleSet']);
  });

  it('logs its decisions and passes cdk-nag', () => {
    template.resourceCountIs('AWS::WAFv2::LoggingConfiguration', 1);
    expect(findings(app)).toEqual([]);
  });
});
