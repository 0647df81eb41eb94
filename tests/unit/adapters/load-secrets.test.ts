import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { mockClient } from 'aws-sdk-client-mock';
import { describe, expect, it } from 'vitest';
import { loadSecretsFromArns } from '../../../shared/adapters/secrets/load-secrets';

describe('loading secrets passed by ARN', () => {
  it('reads each missing secret once into the environment', async () => {
    const client = new SecretsManagerClient({ region: 'us-east-1' });
    const sm = mockClient(client);
    sm.on(GetSecretValueCommand, { SecretId: 'arn:link' }).resolves({ SecretString: 'x'.repeat(64) });
    const env: NodeJS.ProcessEnv = { LINK_SIGNING_SECRET_ARN: 'arn:link', SESSION_SIGNING_SECRET: 'already-set' };
    await loadSecretsFromArns(['LINK_SIGNING_SECRET', 'SESSION_SIGNING_SECRET'], env, client);
    expect(env.LINK_SIGNING_SECRET).toBe('x'.repeat(64));
    expect(env.SESSION_SIGNING_SECRET).toBe('already-set');
    expect(sm.commandCalls(GetSecretValueCommand)).toHaveLength(1);
    expect(sm.commandCalls(GetSecretValueCommand)[0]!.args[0].input).toEqual({ SecretId: 'arn:link' });
  });

  it('fails loudly at cold start when a secret has no string value', async () => {
    const client = new SecretsManagerClient({ region: 'us-east-1' });
    mockClient(client).on(GetSecretValueCommand).resolves({});
    await expect(loadSecretsFromArns(['LINK_SIGNING_SECRET'], { LINK_SIGNING_SECRET_ARN: 'arn:x' }, client)).rejects.toThrow(/no string value/);
  });

  it('calls nothing when values are already present', async () => {
    const client = new SecretsManagerClient({ region: 'us-east-1' });
    const sm = mockClient(client);
    await loadSecretsFromArns(['LINK_SIGNING_SECRET'], { LINK_SIGNING_SECRET: 'set', LINK_SIGNING_SECRET_ARN: 'arn:x' }, client);
    expect(sm.calls()).toHaveLength(0);
  });
});
