import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { loadSecretsFromArns } from '../../../shared/adapters/secrets/load-secrets';
import { loadOriginSecret } from '../../../shared/adapters/secrets/origin-secret';
import type { OriginSecret } from '../../../shared/ports/origin-secret';

/**
 * Reads the secrets the stack passes by ARN (LINK_SIGNING_SECRET_ARN …) into
 * the environment, once, before a function that signs links or cookies
 * wires anything. Only those functions import this (and Secrets Manager).
 */
export function loadAwsSecrets(): Promise<void> {
  return loadSecretsFromArns(['LINK_SIGNING_SECRET', 'SESSION_SIGNING_SECRET']);
}

/**
 * The origin secret of ORIGIN_SECRET_ARN, read at cold start and kept
 * fresh through rotations. As for the other secrets a value already in the
 * environment (ORIGIN_SECRET) wins, fixed: the bundle benchmark imports
 * functions that way, with no network.
 */
export async function awsOriginSecret(env: NodeJS.ProcessEnv = process.env): Promise<OriginSecret> {
  const fixed = env.ORIGIN_SECRET;
  if (fixed) return { accepts: (value) => value === fixed };
  const arn = env.ORIGIN_SECRET_ARN;
  if (!arn?.startsWith('arn:')) throw new Error('ORIGIN_SECRET_ARN must be the ARN of the origin secret (set by the stack).');
  return loadOriginSecret(new SecretsManagerClient({}), arn);
}
