import {
  DescribeSecretCommand,
  GetSecretValueCommand,
  PutSecretValueCommand,
  ResourceNotFoundException,
  UpdateSecretVersionStageCommand,
  type SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import type { RotatingSecret } from '../../ports/secret-rotation';

/** A secret in Secrets Manager, as its rotation function handles it. */
export function secretsManagerRotation(client: SecretsManagerClient, secretId: string): RotatingSecret {
  return {
    async versions() {
      const res = await client.send(new DescribeSecretCommand({ SecretId: secretId }));
      return { rotationEnabled: res.RotationEnabled === true, stages: res.VersionIdsToStages ?? {} };
    },
    async value(versionId, stage) {
      try {
        return (await client.send(new GetSecretValueCommand({ SecretId: secretId, VersionId: versionId, VersionStage: stage }))).SecretString;
      } catch (error) {
        if (error instanceof ResourceNotFoundException) return undefined;
        throw error;
      }
    },
    async putPending(versionId, value) {
      await client.send(new PutSecretValueCommand({ SecretId: secretId, ClientRequestToken: versionId, SecretString: value, VersionStages: ['AWSPENDING'] }));
    },
    async makeCurrent(to, from) {
      await client.send(new UpdateSecretVersionStageCommand({ SecretId: secretId, VersionStage: 'AWSCURRENT', MoveToVersionId: to, ...(from ? { RemoveFromVersionId: from } : {}) }));
    },
  };
}
