import { CloudFrontClient, GetDistributionConfigCommand, UpdateDistributionCommand } from '@aws-sdk/client-cloudfront';
import {
  DescribeSecretCommand,
  GetSecretValueCommand,
  PutSecretValueCommand,
  ResourceNotFoundException,
  SecretsManagerClient,
  UpdateSecretVersionStageCommand,
} from '@aws-sdk/client-secrets-manager';
import { mockClient } from 'aws-sdk-client-mock';
import { describe, expect, it } from 'vitest';
import { cloudFrontOriginHeader } from '../../../shared/adapters/cloudfront/origin-header';
import { loadOriginSecret } from '../../../shared/adapters/secrets/origin-secret';
import { secretsManagerRotation } from '../../../shared/adapters/secrets/secrets-manager-rotation';

const ARN = 'arn:aws:secretsmanager:us-east-1:123456789012:secret:origin';
const notFound = () => new ResourceNotFoundException({ message: 'no such stage', $metadata: {} });

/** A Secrets Manager whose stages hold `values` (a stage missing from it does not exist). */
function secretsWith(values: Partial<Record<'AWSCURRENT' | 'AWSPENDING' | 'AWSPREVIOUS', string>>) {
  const client = new SecretsManagerClient({ region: 'us-east-1' });
  const sm = mockClient(client);
  const set = (next: typeof values) => {
    sm.on(GetSecretValueCommand).rejects(notFound());
    for (const [stage, value] of Object.entries(next)) sm.on(GetSecretValueCommand, { SecretId: ARN, VersionStage: stage }).resolves({ SecretString: value });
  };
  set(values);
  return { client, sm, set };
}

describe('the origin secret, read from Secrets Manager', () => {
  it('accepts the current, pending and previous values and nothing else, with one read per stage at cold start', async () => {
    const { client, sm } = secretsWith({ AWSCURRENT: 'new', AWSPREVIOUS: 'old' });
    const clock = { now: 0 };
    const secret = await loadOriginSecret(client, ARN, { refreshMs: 300_000, retryMs: 30_000, now: () => clock.now });
    expect(sm.commandCalls(GetSecretValueCommand).map((c) => c.args[0].input)).toEqual(['AWSCURRENT', 'AWSPENDING', 'AWSPREVIOUS'].map((VersionStage) => ({ SecretId: ARN, VersionStage })));
    expect([secret.accepts('new'), secret.accepts('old'), secret.accepts('forged'), secret.accepts(undefined), secret.accepts('')]).toEqual([true, true, false, false, false]);
    expect(sm.commandCalls(GetSecretValueCommand)).toHaveLength(3);
  });

  it('reads the secret again for a value it does not know, at most once per retry interval, so a rotated value is accepted at once', async () => {
    const { client, sm, set } = secretsWith({ AWSCURRENT: 'v1' });
    const clock = { now: 0 };
    const secret = await loadOriginSecret(client, ARN, { refreshMs: 300_000, retryMs: 30_000, now: () => clock.now });
    set({ AWSCURRENT: 'v1', AWSPENDING: 'v2' });
    expect(secret.accepts('v2')).toBe(false);
    clock.now = 30_000;
    expect(await secret.accepts('v2')).toBe(true);
    expect(await secret.accepts('forged')).toBe(false);
    expect(sm.commandCalls(GetSecretValueCommand)).toHaveLength(6);
  });

  it('refreshes known values in the background once they are old, so a value rotated out stops being accepted', async () => {
    const { client, set } = secretsWith({ AWSCURRENT: 'v2', AWSPREVIOUS: 'v1' });
    const clock = { now: 0 };
    const secret = await loadOriginSecret(client, ARN, { refreshMs: 300_000, retryMs: 30_000, now: () => clock.now });
    set({ AWSCURRENT: 'v3', AWSPREVIOUS: 'v2' });
    clock.now = 300_000;
    expect(secret.accepts('v1')).toBe(true);
    await new Promise((resolve) => setImmediate(resolve));
    expect(secret.accepts('v1')).toBe(false);
    expect(secret.accepts('v3')).toBe(true);
  });

  it('fails at cold start when the current value cannot be read', async () => {
    const { client } = secretsWith({});
    await expect(loadOriginSecret(client, ARN)).rejects.toThrow(/no such stage/);
  });
});

describe('rotating the origin secret in Secrets Manager', () => {
  it('sends the exact commands of the rotation protocol', async () => {
    const client = new SecretsManagerClient({ region: 'us-east-1' });
    const sm = mockClient(client);
    sm.on(DescribeSecretCommand).resolves({ RotationEnabled: true, VersionIdsToStages: { v1: ['AWSCURRENT'], v2: ['AWSPENDING'] } });
    sm.on(GetSecretValueCommand).rejects(notFound());
    const rotation = secretsManagerRotation(client, ARN);
    expect(await rotation.versions()).toEqual({ rotationEnabled: true, stages: { v1: ['AWSCURRENT'], v2: ['AWSPENDING'] } });
    expect(await rotation.value('v2', 'AWSPENDING')).toBeUndefined();
    await rotation.putPending('v2', 'new-value');
    await rotation.makeCurrent('v2', 'v1');
    expect(sm.commandCalls(PutSecretValueCommand)[0]!.args[0].input).toEqual({ SecretId: ARN, ClientRequestToken: 'v2', SecretString: 'new-value', VersionStages: ['AWSPENDING'] });
    expect(sm.commandCalls(UpdateSecretVersionStageCommand)[0]!.args[0].input).toEqual({ SecretId: ARN, VersionStage: 'AWSCURRENT', MoveToVersionId: 'v2', RemoveFromVersionId: 'v1' });
  });
});

describe("the distribution's origin header", () => {
  const config = (value: string) => ({
    CallerReference: 'ref',
    Comment: 'Outpost',
    Enabled: true,
    Origins: { Quantity: 1, Items: [{ Id: 'api', DomainName: 'x.execute-api.us-east-1.amazonaws.com', CustomHeaders: { Quantity: 1, Items: [{ HeaderName: 'X-Outpost-Origin-Verify', HeaderValue: value }] } }] },
    DefaultCacheBehavior: { TargetOriginId: 'api', ViewerProtocolPolicy: 'https-only' as const },
  });

  it('reads the value CloudFront sends, and changes it with UpdateDistribution guarded by the ETag just read', async () => {
    const client = new CloudFrontClient({ region: 'us-east-1' });
    const cf = mockClient(client);
    cf.on(GetDistributionConfigCommand, { Id: 'E123' }).resolves({ ETag: 'etag-1', DistributionConfig: config('old') });
    const header = cloudFrontOriginHeader(client, 'E123', 'x-outpost-origin-verify');
    expect(await header.headerValue()).toBe('old');
    await header.setHeaderValue('new');
    const update = cf.commandCalls(UpdateDistributionCommand)[0]!.args[0].input;
    expect(update).toMatchObject({ Id: 'E123', IfMatch: 'etag-1' });
    expect(update.DistributionConfig).toEqual(config('new'));
  });

  it('refuses to update a distribution none of whose origins sends the header', async () => {
    const client = new CloudFrontClient({ region: 'us-east-1' });
    mockClient(client).on(GetDistributionConfigCommand).resolves({ ETag: 'e', DistributionConfig: config('v') });
    await expect(cloudFrontOriginHeader(client, 'E123', 'X-Other').setHeaderValue('new')).rejects.toThrow(/No origin of distribution E123 sends X-Other/);
  });
});
