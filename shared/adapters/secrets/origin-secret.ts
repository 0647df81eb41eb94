import { GetSecretValueCommand, ResourceNotFoundException, type SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import type { OriginSecret } from '../../ports/origin-secret';

/** The stages whose values are valid: the current one, the one a rotation is putting in place, and the one it replaced. */
const VALID_STAGES = ['AWSCURRENT', 'AWSPENDING', 'AWSPREVIOUS'] as const;

export interface OriginSecretTiming {
  /** Milliseconds after which known values are read again, in the background. */
  refreshMs: number;
  /** At most one read for an unknown value per this many milliseconds, so a flood of bad headers costs one call. */
  retryMs: number;
  now: () => number;
}

const DEFAULT_TIMING: OriginSecretTiming = { refreshMs: 5 * 60_000, retryMs: 30_000, now: Date.now };

/** Every valid value of the secret: each stage that exists (AWSPENDING and AWSPREVIOUS may not). */
async function readValues(client: SecretsManagerClient, secretId: string): Promise<Set<string>> {
  const values = await Promise.all(
    VALID_STAGES.map(async (stage) => {
      try {
        return (await client.send(new GetSecretValueCommand({ SecretId: secretId, VersionStage: stage }))).SecretString;
      } catch (error) {
        if (error instanceof ResourceNotFoundException && stage !== 'AWSCURRENT') return undefined;
        throw error;
      }
    }),
  );
  return new Set(values.filter((v): v is string => typeof v === 'string' && v.length > 0));
}

/**
 * The origin secret in Secrets Manager, read once before it is returned
 * (at cold start) and then kept fresh: known values are re-read every
 * `refreshMs` in the background, and a value not known yet triggers one
 * read at most every `retryMs`, so the new value of a rotation is accepted
 * as soon as CloudFront sends it.
 *
 * @example
 * const originSecret = await loadOriginSecret(new SecretsManagerClient({}), process.env.ORIGIN_SECRET_ARN);
 */
export async function loadOriginSecret(client: SecretsManagerClient, secretId: string, timing: OriginSecretTiming = DEFAULT_TIMING): Promise<OriginSecret> {
  let values = await readValues(client, secretId);
  let readAt = timing.now();
  let reading: Promise<void> | undefined;
  const reread = (): Promise<void> => {
    readAt = timing.now();
    reading ??= readValues(client, secretId)
      .then((fresh) => {
        values = fresh;
      })
      // A failed read keeps the values known so far; the next one tries again.
      .catch(() => undefined)
      .finally(() => {
        reading = undefined;
      });
    return reading;
  };
  return {
    accepts(value) {
      if (!value) return false;
      const age = timing.now() - readAt;
      if (values.has(value)) {
        if (age >= timing.refreshMs) void reread();
        return true;
      }
      if (age < timing.retryMs) return false;
      return reread().then(() => values.has(value));
    },
  };
}
