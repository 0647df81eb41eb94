import { Duration } from 'aws-cdk-lib';
import type * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import type { Construct } from 'constructs';
import { functions } from '../../../shared/topology';
import { ORIGIN_SECRET_HEADER_NAME } from '../constructs/edge';
import type { HandlerFunction } from '../constructs/handler-function';
import type { FunctionFactory } from './function-factory';

/** How often the origin secret changes. */
const ROTATION_DAYS = 30;

/**
 * Lets each function that serves HTTP read the origin secret (and tells it
 * where), so it can refuse requests that did not come through CloudFront.
 */
export function allowOriginSecret(factory: FunctionFactory, httpFunctions: readonly HandlerFunction[], originSecret: secretsmanager.ISecret): void {
  for (const fn of httpFunctions) {
    fn.function.addEnvironment('ORIGIN_SECRET_ARN', originSecret.secretArn);
    factory.readSecret(fn, originSecret, 'OriginSecret');
  }
}

/**
 * `RotateOriginSecret` and its schedule: every ROTATION_DAYS Secrets
 * Manager has it create a new value, set it on the distribution's origin
 * header, check it there and make it current, while the functions accept
 * the old and the new value alike. The role may do exactly that, on this
 * secret and this distribution.
 */
export function addOriginSecretRotation(scope: Construct, factory: FunctionFactory, resources: { originSecret: secretsmanager.ISecret; distribution: cloudfront.IDistribution }): HandlerFunction {
  const { originSecret, distribution } = resources;
  const rotate = factory.make('RotateOriginSecret', functions.rotateOriginSecret, {
    env: { ORIGIN_SECRET_ARN: originSecret.secretArn, DISTRIBUTION_ID: distribution.distributionId, ORIGIN_SECRET_HEADER: ORIGIN_SECRET_HEADER_NAME },
  });
  rotate.function.addToRolePolicy(
    new iam.PolicyStatement({
      sid: 'RotateTheOriginSecret',
      actions: ['secretsmanager:DescribeSecret', 'secretsmanager:GetSecretValue', 'secretsmanager:PutSecretValue', 'secretsmanager:UpdateSecretVersionStage'],
      resources: [originSecret.secretArn],
    }),
  );
  rotate.function.addToRolePolicy(
    new iam.PolicyStatement({ sid: 'SetTheOriginHeader', actions: ['cloudfront:GetDistributionConfig', 'cloudfront:UpdateDistribution'], resources: [distribution.distributionArn] }),
  );
  rotate.function.addPermission('SecretsManagerRotates', { principal: new iam.ServicePrincipal('secretsmanager.amazonaws.com'), sourceArn: originSecret.secretArn });
  // The L1 schedule: the L2 one grants the function UpdateSecret and more that rotation never calls.
  const schedule = new secretsmanager.CfnRotationSchedule(scope, 'OriginSecretRotation', {
    secretId: originSecret.secretArn,
    rotationLambdaArn: rotate.function.functionArn,
    rotationRules: { scheduleExpression: `rate(${Duration.days(ROTATION_DAYS).toDays()} days)` },
    // Not at deploy time: the distribution the new value goes to may still be deploying.
    rotateImmediatelyOnUpdate: false,
  });
  schedule.node.addDependency(rotate.function.permissionsNode.findChild('SecretsManagerRotates'));
  rotate.acknowledgeOnFunction('Serverless-LambdaDLQ', 'Secrets Manager invokes the rotation function synchronously, step by step, and retries a failed step itself; the function\'s errors alarm reports a failed rotation.');
  return rotate;
}
