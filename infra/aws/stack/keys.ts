import { RemovalPolicy, Validations, type Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';

/** The stack's keys: the one that encrypts every topic and queue, the HMAC secret behind signed links, and the secret CloudFront shows the origin. */
export interface StackKeys {
  readonly key: kms.Key;
  readonly linkSecret: secretsmanager.Secret;
  readonly originSecret: secretsmanager.Secret;
}

/**
 * The customer-managed messaging key (rotated; SNS, SES, CloudWatch,
 * EventBridge and End User Messaging SMS, for two-way replies, of this
 * account may use it to write encrypted messages) and the generated
 * link-signing secret. Built in the stack's own scope so the logical ids stay `MessagingKey…` and `LinkSigningSecret…`.
 */
export function addKeys(stack: Stack): StackKeys {
  const key = new kms.Key(stack, 'MessagingKey', {
    description: 'Outpost: encrypts the topics and queues (publications, SES feedback, SMS replies, alarms, dead letters).',
    enableKeyRotation: true,
  });
  // The services that write into those topics and queues need the key too.
  key.addToResourcePolicy(
    new iam.PolicyStatement({
      sid: 'ServicesWritingEncryptedMessages',
      principals: ['sns.amazonaws.com', 'ses.amazonaws.com', 'cloudwatch.amazonaws.com', 'events.amazonaws.com', 'sms-voice.amazonaws.com'].map((s) => new iam.ServicePrincipal(s)),
      actions: ['kms:GenerateDataKey*', 'kms:Decrypt'],
      resources: ['*'],
      conditions: { StringEquals: { 'aws:SourceAccount': stack.account } },
    }),
  );
  // Retained: a new key on re-creation would break every link already sent and every session.
  const linkSecret = new secretsmanager.Secret(stack, 'LinkSigningSecret', {
    description: 'Outpost: HMAC key for confirmation, sign-in and unsubscribe links.',
    removalPolicy: RemovalPolicy.RETAIN,
    generateSecretString: { passwordLength: 64, excludePunctuation: true, includeSpace: false },
  });
  Validations.of(linkSecret).acknowledge({
    id: 'AwsSolutions-SMG4',
    reason: 'Rotating the link key invalidates every outstanding confirmation and unsubscribe link, so it is rotated by an operator on a schedule (docs/operations.md#rotating-secrets), not automatically.',
  });
  // Rotated by its own function (stack/origin-secret.ts); a new one on re-creation costs nothing, so it goes with the stack.
  const originSecret = new secretsmanager.Secret(stack, 'OriginSecret', {
    description: 'Outpost: the header value CloudFront adds to every request it forwards to the API; the functions refuse requests without it.',
    generateSecretString: { passwordLength: 48, excludePunctuation: true, includeSpace: false },
  });
  return { key, linkSecret, originSecret };
}
