import { randomBytes } from 'node:crypto';
import { CloudFrontClient } from '@aws-sdk/client-cloudfront';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import * as z from 'zod';
import { cloudFrontOriginHeader } from '../../../shared/adapters/cloudfront/origin-header';
import { secretsManagerRotation } from '../../../shared/adapters/secrets/secrets-manager-rotation';
import type { RotateOriginSecretDeps } from '../../../shared/services/rotate-origin-secret';
import type { LambdaObservability } from './observability';

const RotationEnvSchema = z.object({
  ORIGIN_SECRET_ARN: z.string().startsWith('arn:'),
  DISTRIBUTION_ID: z.string().min(1),
  ORIGIN_SECRET_HEADER: z.string().min(1),
});

/** Wires the origin secret's rotation: the secret in Secrets Manager and the distribution's origin header. */
export function awsRotateOriginSecretDeps(observability: LambdaObservability, env: NodeJS.ProcessEnv = process.env): RotateOriginSecretDeps {
  const config = RotationEnvSchema.parse(env);
  return {
    secret: secretsManagerRotation(observability.traced(new SecretsManagerClient({})), config.ORIGIN_SECRET_ARN),
    // CloudFront's API lives in us-east-1 whatever the stack's region.
    cloudFront: cloudFrontOriginHeader(observability.traced(new CloudFrontClient({ region: 'us-east-1' })), config.DISTRIBUTION_ID, config.ORIGIN_SECRET_HEADER),
    newValue: () => randomBytes(36).toString('base64url'),
    logger: observability.logger,
  };
}
