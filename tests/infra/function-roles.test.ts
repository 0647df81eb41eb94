import { describe, expect, it } from 'vitest';
import { roleStatements, synthOutpost } from './stack';

/**
 * The grants that follow from what each function's own wiring calls (see
 * lambda-bundles.test.ts for the clients and commands in each bundle): SMS
 * senders may check opt-outs, the scheduler may only list them, and only
 * the functions that sign links may read the link key.
 */
const { stack, template } = synthOutpost();

const actions = (name: string, prefix: string) =>
  roleStatements(template, stack, name)
    .flatMap((s) => [s.Action].flat())
    .filter((a) => a.startsWith(prefix))
    .sort();

describe('function roles', () => {
  it('lets every function that texts people check the opt-out list before it publishes to a number', () => {
    for (const name of ['Api', 'DeliverSms']) expect(actions(name, 'sns:'), name).toEqual(['sns:CheckIfPhoneNumberIsOptedOut', 'sns:Publish']);
  });

  it('lets the scheduler list opted-out numbers and text safety-check reminders, and nothing else on SNS', () => {
    expect(actions('Scheduler', 'sns:')).toEqual(['sns:CheckIfPhoneNumberIsOptedOut', 'sns:ListPhoneNumbersOptedOut', 'sns:Publish']);
  });

  it('grants SNS to no function that sends no SMS and publishes to no topic', () => {
    for (const name of ['PublicRead', 'DeliverEmail', 'DeliverWebhook', 'SesFeedback']) expect(actions(name, 'sns:'), name).toEqual([]);
  });

  it('lets only the functions that sign links or cookies read the link key', () => {
    const readers = Object.keys(stack.functions).filter((name) => actions(name, 'secretsmanager:').includes('secretsmanager:GetSecretValue'));
    expect(readers.sort()).toEqual(['Api', 'DeliverEmail', 'PublicRead']);
  });
});
