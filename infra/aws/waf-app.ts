/**
 * The WAF app: the web ACL for CloudFront in its own stack in us-east-1
 * (CLOUDFRONT-scope ACLs live there), deployed before the Outpost stack of a
 * prod stage, which takes its `WebAclArn` output as `-c webAclArn=…`:
 *
 *   npx cdk deploy --app "npx tsx infra/aws/waf-app.ts" -c stage=prod
 *
 * See docs/operations.md.
 */
import { createWafApp } from './waf';

createWafApp().app.synth();
