import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { App, Validations, type AppProps } from 'aws-cdk-lib';
import { AwsSolutionsChecks, ServerlessChecks } from 'cdk-nag';
import { PROJECT_ROOT } from './lambda-build';
import { readContext } from './context';
import { OutpostStack } from './outpost-stack';

/** CDK context key: a list of stack paths to bundle; `[]` skips esbuild (CDK's own switch). */
export const BUNDLING_STACKS = 'aws:cdk:bundling-stacks';

export interface OutpostAppOptions {
  /** Extra context, e.g. `{ senderEmail: … }`; tests pass `[BUNDLING_STACKS]: []` to skip esbuild. */
  readonly context?: Record<string, unknown>;
  readonly outdir?: string;
  /** Register cdk-nag as validation plugins (default true); tests run the packs directly. */
  readonly nag?: boolean;
}

/** The stack's id (what `cdk deploy Outpost` selects); its CloudFormation name is `Outpost-<stage>` unless `-c stackName=…`. */
const STACK_ID = 'Outpost';

/**
 * The context of cdk.json (every current feature flag), which the CDK CLI
 * passes to the app itself; read here too so that the tests synthesize the
 * template the CLI would.
 */
export function projectContext(): Record<string, unknown> {
  const file = JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'cdk.json'), 'utf8')) as { context?: Record<string, unknown> };
  return file.context ?? {};
}

/**
 * Builds the app: the Outpost stack for the context's stage, with cdk-nag's
 * AWS Solutions and Serverless packs registered as validation plugins, so
 * that synthesis fails on any finding not acknowledged on its construct.
 */
export function createOutpostApp(options: OutpostAppOptions = {}): { app: App; stack: OutpostStack } {
  const props: AppProps = {
    context: { ...projectContext(), ...options.context },
    ...(options.outdir ? { outdir: options.outdir } : {}),
  };
  const app = new App(props);
  const settings = readContext(app.node);
  const stackName = (app.node.tryGetContext('stackName') as string | undefined) ?? `${STACK_ID}-${settings.stage}`;
  const stack = new OutpostStack(app, STACK_ID, {
    settings,
    description: `Outpost (${settings.stage}): security-advisory publishing (API, table, fan-out, edge).`,
    stackName,
    env: { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION },
    terminationProtection: true,
  });
  if (options.nag ?? true) Validations.of(app).addPlugins(new AwsSolutionsChecks(app), new ServerlessChecks(app));
  return { app, stack };
}
