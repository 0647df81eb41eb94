/**
 * The CDK app (`cdk.json` runs it with tsx): `npx cdk synth`, `npx cdk deploy`.
 * Settings come from context; see infra/aws/context.ts and docs/operations.md.
 */
import { ContextError } from './context';
import { createOutpostApp } from './outpost-app';

try {
  createOutpostApp().app.synth();
} catch (error) {
  // A context mistake is the operator's to fix: say what, without a stack trace.
  if (!(error instanceof ContextError)) throw error;
  console.error(error.message);
  process.exitCode = 1;
}
