import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';

/**
 * Resolves secrets that the stack passes by ARN (`<NAME>_ARN`) into
 * `process.env.<NAME>` once, at cold start, so that secret values never sit
 * in a function's plaintext configuration. A value already present wins.
 */
export async function loadSecretsFromArns(names: readonly string[], env: NodeJS.ProcessEnv = process.env, client?: SecretsManagerClient): Promise<void> {
  const missing = names.filter((name) => !env[name] && env[`${name}_ARN`]);
  if (missing.length === 0) return;
  const sm = client ?? new SecretsManagerClient({});
  await Promise.all(
    missing.map(async (name) => {
      const res = await sm.send(new GetSecretValueCommand({ SecretId: env[`${name}_ARN`] }));
      if (!res.SecretString) throw new Error(`Secret for ${name} has no string value`);
      env[name] = res.SecretString;
    }),
  );
}
