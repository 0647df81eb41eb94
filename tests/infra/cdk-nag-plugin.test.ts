import { App, Stack, Validations } from 'aws-cdk-lib';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { AwsSolutionsChecks, ServerlessChecks } from 'cdk-nag';
import { describe, expect, it } from 'vitest';

/** The same registration as infra/aws/outpost-app.ts, on a one-queue app. */
function appWithQueue(acknowledge: boolean): App {
  const app = new App();
  const queue = new sqs.Queue(new Stack(app, 'T'), 'Plain', { encryption: sqs.QueueEncryption.SQS_MANAGED, enforceSSL: true });
  if (acknowledge) {
    Validations.of(queue).acknowledge(
      { id: 'AwsSolutions-SQS3', reason: 'A fixture queue: checks that an acknowledgement with a reason lets synthesis pass.' },
      { id: 'Serverless-SQSRedrivePolicy', reason: 'A fixture queue: checks that an acknowledgement with a reason lets synthesis pass.' },
    );
  }
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app), new ServerlessChecks(app));
  return app;
}

describe('cdk-nag as validation plugins', () => {
  it('fails synthesis on an unacknowledged finding', () => {
    expect(() => appWithQueue(false).synth()).toThrow(/AwsSolutions-SQS3/);
  });

  it('lets synthesis pass once the finding is acknowledged on its construct', () => {
    expect(() => appWithQueue(true).synth()).not.toThrow();
  });
});
