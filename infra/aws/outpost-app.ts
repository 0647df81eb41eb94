import { App, Validations, type AppProps } from 'aws-cdk-lib';
import { AwsSolutionsChecks, ServerlessChecks } from 'cdk-nag';
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

/** The stack's id, and its CloudFormation name unless overridden with `-c stackName=…`. */
const STACK_ID = 'Outpost';

/**
 * Builds the app: the Outpost stack with cdk-nag's AWS Solutions and
 * Serverless packs registered as validation plugins, so that synthesis fails
 * on any finding not acknowledged on its construct.
 */
export function createOutpostApp(options: OutpostAppOptions = {}): { app: App; stack: OutpostStack } {
  const props: AppProps = {
    ...(options.context ? { context: options.context } : {}),
    ...(options.outdir ? { outdir: options.outdir } : {}),
  };
  const app = new App(props);
  const stackName = app.node.tryGetContext('stackName') as string | undefined;
  const stack = new OutpostStack(app, STACK_ID, {
    settings: readContext(app.node),
    description: 'Outpost: security-advisory publishing (API, table, fan-out, edge).',
    ...(stackName ? { stackName } : {}),
    env: { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION },
    terminationProtection: true,
  });
  if (options.nag ?? true) Validations.of(app).addPlugins(new AwsSolutionsChecks(app), new ServerlessChecks(app));
  return { app, stack };
}
