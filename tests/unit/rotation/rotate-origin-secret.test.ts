import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../../shared/adapters/system/json-logger';
import type { OriginHeaderTarget, RotatingSecret } from '../../../shared/ports/secret-rotation';
import { rotateOriginSecret, type RotationStep } from '../../../shared/services/rotate-origin-secret';

/** Secrets Manager's versions and labels, as the rotation protocol moves them. */
function fakeSecret(initial: string) {
  const values = new Map<string, string>([['v1', initial]]);
  const stages = new Map<string, string[]>([['v1', ['AWSCURRENT']]]);
  const secret: RotatingSecret = {
    async versions() {
      return { rotationEnabled: true, stages: Object.fromEntries(stages) };
    },
    async value(versionId, stage) {
      return stages.get(versionId)?.includes(stage) ? values.get(versionId) : undefined;
    },
    async putPending(versionId, value) {
      values.set(versionId, value);
      stages.set(versionId, ['AWSPENDING']);
    },
    async makeCurrent(to, from) {
      for (const [id, labels] of stages) stages.set(id, labels.filter((l) => l !== 'AWSPREVIOUS'));
      if (from) stages.set(from, ['AWSPREVIOUS']);
      stages.set(to, ['AWSCURRENT']);
    },
  };
  /** What the origin accepts: the values of AWSCURRENT, AWSPENDING and AWSPREVIOUS. */
  const accepted = () => [...stages].filter(([, labels]) => labels.some((l) => ['AWSCURRENT', 'AWSPENDING', 'AWSPREVIOUS'].includes(l))).map(([id]) => values.get(id));
  return { secret, stages, accepted, startRotation: (versionId: string) => stages.set(versionId, ['AWSPENDING']) };
}

/** A distribution whose edges still send the previous value until told the new one has spread. */
function fakeCloudFront(initial: string) {
  let configured = initial;
  const sentByEdges = new Set([initial]);
  const target: OriginHeaderTarget = {
    async headerValue() {
      return configured;
    },
    async setHeaderValue(value) {
      configured = value;
      sentByEdges.add(value);
    },
  };
  return { target, sentByEdges, spread: () => sentByEdges.forEach((v) => v !== configured && sentByEdges.delete(v)) };
}

const STEPS: RotationStep[] = ['createSecret', 'setSecret', 'testSecret', 'finishSecret'];

describe('rotating the origin secret', () => {
  it('keeps every value CloudFront may be sending accepted by the origin, at every step', async () => {
    const secret = fakeSecret('first');
    const cloudFront = fakeCloudFront('first');
    const deps = { secret: secret.secret, cloudFront: cloudFront.target, newValue: () => 'second', logger: silentLogger };
    secret.startRotation('v2');
    for (const step of STEPS) {
      await rotateOriginSecret(deps, 'v2', step);
      for (const value of cloudFront.sentByEdges) expect(secret.accepted(), `${step}: ${value}`).toContain(value);
    }
    cloudFront.spread();
    expect([...cloudFront.sentByEdges]).toEqual(['second']);
    expect(Object.fromEntries(secret.stages)).toEqual({ v1: ['AWSPREVIOUS'], v2: ['AWSCURRENT'] });
  });

  it('repeats any step without harm, as Secrets Manager retries a failed one', async () => {
    const secret = fakeSecret('first');
    const cloudFront = fakeCloudFront('first');
    let generated = 0;
    const deps = { secret: secret.secret, cloudFront: cloudFront.target, newValue: () => `value-${++generated}`, logger: silentLogger };
    secret.startRotation('v2');
    for (const step of STEPS) {
      await rotateOriginSecret(deps, 'v2', step);
      await rotateOriginSecret(deps, 'v2', step);
    }
    expect(generated).toBe(1);
    expect(await cloudFront.target.headerValue()).toBe('value-1');
  });

  it('fails the test step while CloudFront is not configured with the pending value', async () => {
    const secret = fakeSecret('first');
    const cloudFront = fakeCloudFront('first');
    const deps = { secret: secret.secret, cloudFront: cloudFront.target, newValue: () => 'second', logger: silentLogger };
    secret.startRotation('v2');
    await rotateOriginSecret(deps, 'v2', 'createSecret');
    await expect(rotateOriginSecret(deps, 'v2', 'testSecret')).rejects.toThrow(/does not send the pending origin secret/);
  });

  it('refuses a version that is not pending rotation', async () => {
    const secret = fakeSecret('first');
    const deps = { secret: secret.secret, cloudFront: fakeCloudFront('first').target, newValue: () => 'x', logger: silentLogger };
    await expect(rotateOriginSecret(deps, 'v9', 'createSecret')).rejects.toThrow(/no stage for rotation/);
  });
});
