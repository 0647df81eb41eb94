import { describe, expect, it } from 'vitest';
import { roleStatements, synthOutpost } from './stack';

/**
 * The grants that follow from what each function's own wiring calls (see
 * lambda-bundles.test.ts for the clients and commands in each bundle): SMS
 * senders may check opt-outs, the scheduler may only list them, and only
 * the functions that sign links may read the link key.
 */
const { stack, template } = synthOutpost();

const actions = (name: string, prefix: string, effect: 'Allow' | 'Deny' = 'Allow') =>
  roleStatements(template, stack, name)
    .filter((s) => s.Effect === effect)
    .flatMap((s) => [s.Action].flat())
    .filter((a) => a.startsWith(prefix))
    .sort();

describe('function roles', () => {
  it('lets every function that texts people check the opt-out list before it publishes to a number', () => {
    for (const name of ['Web', 'DeliverSms']) expect(actions(name, 'sns:'), name).toEqual(['sns:CheckIfPhoneNumberIsOptedOut', 'sns:Publish']);
  });

  it('denies every function that texts people publishing to any topic, since SMS needs sns:Publish on "*"', () => {
    for (const name of ['Web', 'DeliverSms']) {
      const deny = roleStatements(template, stack, name).filter((s) => s.Effect === 'Deny');
      expect(deny, name).toEqual([expect.objectContaining({ Action: 'sns:Publish', Resource: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':sns:*:*:*']] } })]);
    }
  });

  it('lets the scheduler list opted-out numbers and text safety-check reminders, and nothing else on SNS', () => {
    expect(actions('Scheduler', 'sns:')).toEqual(['sns:CheckIfPhoneNumberIsOptedOut', 'sns:ListPhoneNumbersOptedOut', 'sns:Publish']);
  });

  it('grants SNS to no function that sends no SMS and publishes to no topic', () => {
    for (const name of ['Api', 'PublicRead', 'DeliverEmail', 'DeliverWebhook', 'SesFeedback']) expect(actions(name, 'sns:'), name).toEqual([]);
  });

  it('lets only the functions that sign links or cookies read the link key, and only those serving HTTP and its rotation read the origin secret', () => {
    const secretId = (prefix: string) => Object.keys(template.findResources('AWS::SecretsManager::Secret')).find((id) => id.startsWith(prefix))!;
    const readers = (prefix: string) =>
      Object.keys(stack.functions).filter((name) =>
        roleStatements(template, stack, name).some((s) => s.Effect === 'Allow' && [s.Action].flat().includes('secretsmanager:GetSecretValue') && JSON.stringify(s.Resource).includes(secretId(prefix))),
      );
    expect(readers('LinkSigningSecret').sort()).toEqual(['DeliverEmail', 'PublicRead', 'Web']);
    expect(readers('OriginSecret').sort()).toEqual(['Api', 'PublicRead', 'RotateOriginSecret', 'Web']);
  });
});
