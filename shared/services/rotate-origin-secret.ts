import type { Logger } from '../ports/logger';
import type { OriginHeaderTarget, RotatingSecret } from '../ports/secret-rotation';

/** The four calls Secrets Manager makes to a rotation function, in order. */
export type RotationStep = 'createSecret' | 'setSecret' | 'testSecret' | 'finishSecret';

export interface RotateOriginSecretDeps {
  secret: RotatingSecret;
  cloudFront: OriginHeaderTarget;
  /** A new random value for the secret. */
  newValue: () => string;
  logger: Logger;
}

/**
 * One step of rotating the origin secret without refusing a single request:
 * the new value is created as AWSPENDING (which the origin already accepts,
 * with AWSCURRENT and AWSPREVIOUS), CloudFront is told to send it, the
 * configuration is checked, and only then does it become AWSCURRENT. The old
 * value stays valid as AWSPREVIOUS while CloudFront's edges switch over.
 * Every step may be repeated: Secrets Manager retries failed steps.
 */
export async function rotateOriginSecret(deps: RotateOriginSecretDeps, versionId: string, step: RotationStep): Promise<void> {
  const { rotationEnabled, stages } = await deps.secret.versions();
  if (!rotationEnabled) throw new Error('Rotation is not enabled on the origin secret.');
  const labels = stages[versionId];
  if (!labels) throw new Error(`Version ${versionId} of the origin secret has no stage for rotation.`);
  if (labels.includes('AWSCURRENT')) {
    deps.logger.info('origin secret version already current', { step, versionId });
    return;
  }
  if (!labels.includes('AWSPENDING')) throw new Error(`Version ${versionId} of the origin secret is not pending rotation.`);

  if (step === 'createSecret') {
    if ((await deps.secret.value(versionId, 'AWSPENDING')) === undefined) await deps.secret.putPending(versionId, deps.newValue());
  } else if (step === 'setSecret') {
    const pending = await pendingValue(deps, versionId);
    if ((await deps.cloudFront.headerValue()) !== pending) await deps.cloudFront.setHeaderValue(pending);
  } else if (step === 'testSecret') {
    const pending = await pendingValue(deps, versionId);
    if ((await deps.cloudFront.headerValue()) !== pending) throw new Error('CloudFront does not send the pending origin secret yet.');
  } else {
    const current = Object.entries(stages).find(([, s]) => s.includes('AWSCURRENT'))?.[0];
    await deps.secret.makeCurrent(versionId, current);
  }
  deps.logger.info('origin secret rotation step done', { step, versionId });
}

async function pendingValue(deps: RotateOriginSecretDeps, versionId: string): Promise<string> {
  const value = await deps.secret.value(versionId, 'AWSPENDING');
  if (value === undefined) throw new Error(`Version ${versionId} of the origin secret has no pending value.`);
  return value;
}
