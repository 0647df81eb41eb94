import { loadSecretsFromArns } from '../../../shared/adapters/secrets/load-secrets';

/**
 * Reads the secrets the stack passes by ARN (LINK_SIGNING_SECRET_ARN …) into
 * the environment, once, before a function that signs links or cookies
 * wires anything. Only those functions import this (and Secrets Manager).
 */
export function loadAwsSecrets(): Promise<void> {
  return loadSecretsFromArns(['LINK_SIGNING_SECRET', 'SESSION_SIGNING_SECRET']);
}
