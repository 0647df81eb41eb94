/**
 * The CDK app (`cdk.json` runs it with tsx): `npx cdk synth`, `npx cdk deploy`.
 * Settings come from context; see infra/aws/context.ts and docs/operations.md.
 */
import { createOutpostApp } from './outpost-app';

createOutpostApp().app.synth();
