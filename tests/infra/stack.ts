import { Template } from 'aws-cdk-lib/assertions';
import { BUNDLING_STACKS, createOutpostApp, type OutpostAppOptions } from '../../infra/aws/outpost-app';
import type { OutpostStack } from '../../infra/aws/outpost-stack';

/**
 * Builds the app the way the infra tests need it: esbuild bundling skipped
 * (CDK's own `aws:cdk:bundling-stacks` switch, so functions keep their real
 * function configuration but no bundle is built; tests/infra/function-code.test.ts builds them), and the template
 * synthesized once per test file.
 */
export function synthOutpost(options: Omit<OutpostAppOptions, 'context'> & { context?: Record<string, unknown> } = {}) {
  const { app, stack } = createOutpostApp({ nag: false, ...options, context: { [BUNDLING_STACKS]: [], ...options.context } });
  return { app, stack, template: Template.fromStack(stack) };
}

/** Resources of one type, keyed by logical id. */
export function resources(template: Template, type: string): Record<string, { Properties: Record<string, any>; [k: string]: any }> {
  return template.findResources(type) as Record<string, { Properties: Record<string, any> }>;
}

/** One IAM statement as the template holds it. */
export interface Statement {
  Sid?: string;
  Action: string | string[];
  Resource: unknown;
  Effect: string;
}

/** Every statement of every policy attached to one function's role (its default policy and inline policies such as SmsPolicy). */
export function roleStatements(template: Template, stack: OutpostStack, functionName: string): Statement[] {
  const role = stack.functions[functionName]!.role;
  const roleId = stack.getLogicalId(role.node.defaultChild as never);
  return Object.values(resources(template, 'AWS::IAM::Policy'))
    .filter((p) => (p.Properties.Roles as { Ref: string }[]).some((r) => r.Ref === roleId))
    .flatMap((p) => p.Properties.PolicyDocument.Statement as Statement[]);
}
