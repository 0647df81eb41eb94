import * as z from 'zod';
import { rotateOriginSecret, type RotateOriginSecretDeps } from '../../shared/services/rotate-origin-secret';

/** What Secrets Manager sends a rotation function. */
const RotationEventSchema = z.object({
  SecretId: z.string().min(1),
  ClientRequestToken: z.string().min(1),
  Step: z.enum(['createSecret', 'setSecret', 'testSecret', 'finishSecret']),
});

/**
 * The rotation function of the origin secret (AWS only): Secrets Manager
 * calls it once per step on its schedule; each call runs that step.
 */
export function rotateOriginSecretHandler(deps: RotateOriginSecretDeps): (event: unknown) => Promise<void> {
  return async (event) => {
    const { ClientRequestToken, Step } = RotationEventSchema.parse(event);
    await rotateOriginSecret(deps, ClientRequestToken, Step);
  };
}
