import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks, ServerlessChecks } from 'cdk-nag';
import { EdgeWafStack } from './constructs/edge-waf';
import { projectContext } from './outpost-app';

function limit(app: App, key: string, fallback: number): number {
  const raw: unknown = app.node.tryGetContext(key);
  if (raw === undefined || raw === null || raw === '') return fallback;
  const value = Number(raw);
  // WAF accepts rate limits from 10 to 2,000,000,000 requests per window.
  if (!Number.isInteger(value) || value < 10) throw new Error(`Context ${key} must be an integer of at least 10, got ${String(raw)}.`);
  return value;
}

/**
 * Builds the WAF app for the context's stage: the `OutpostWaf` stack in
 * us-east-1, checked by cdk-nag like the Outpost stack. Limits per client
 * address and five minutes: `wafRateLimit` (default 2,000 requests) and
 * `wafMessageRateLimit` (default 100 POSTs that send a message).
 */
export function createWafApp(options: { context?: Record<string, unknown>; nag?: boolean } = {}): { app: App; stack: EdgeWafStack } {
  const app = new App({ context: { ...projectContext(), ...options.context } });
  const stage = (app.node.tryGetContext('stage') as string | undefined) ?? 'dev';
  const stack = new EdgeWafStack(app, 'OutpostWaf', {
    stackName: `OutpostWaf-${stage}`,
    description: `Outpost (${stage}): the web ACL in front of CloudFront.`,
    env: { account: process.env.CDK_DEFAULT_ACCOUNT, region: 'us-east-1' },
    terminationProtection: stage === 'prod',
    limits: { perClient: limit(app, 'wafRateLimit', 2000), messageSending: limit(app, 'wafMessageRateLimit', 100) },
  });
  if (options.nag ?? true) Validations.of(app).addPlugins(new AwsSolutionsChecks(app), new ServerlessChecks(app));
  return { app, stack };
}
