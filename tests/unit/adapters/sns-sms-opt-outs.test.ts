import { ListPhoneNumbersOptedOutCommand, SNSClient } from '@aws-sdk/client-sns';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { memorySmsOptOuts } from '../../../shared/adapters/outbox/memory-sms-opt-outs';
import { snsSmsOptOuts } from '../../../shared/adapters/sns/sns-sms-opt-outs';
import type { SmsOptOuts } from '../../../shared/ports/sms-opt-outs';

const sns = mockClient(SNSClient);
afterEach(() => sns.reset());

const fast = { attempts: 3, baseDelayMs: 1, maxDelayMs: 1, sleep: async () => {} };

/** Every number of the list, following cursors as the reconciliation does. */
async function all(optOuts: SmsOptOuts): Promise<string[]> {
  const numbers: string[] = [];
  let cursor: string | undefined;
  do {
    const page = await optOuts.listOptedOut(cursor);
    numbers.push(...page.items);
    cursor = page.cursor ?? undefined;
  } while (cursor);
  return numbers;
}

describe('the SNS SMS opt-out list', () => {
  it('pages through ListPhoneNumbersOptedOut, passing each nextToken back and stopping when none comes', async () => {
    sns
      .on(ListPhoneNumbersOptedOutCommand, {})
      .resolves({ phoneNumbers: ['+254712000001', '+254712000002'], nextToken: 'page-2' })
      .on(ListPhoneNumbersOptedOutCommand, { nextToken: 'page-2' })
      .resolves({ phoneNumbers: ['+254712000003'], nextToken: 'page-3' })
      .on(ListPhoneNumbersOptedOutCommand, { nextToken: 'page-3' })
      .resolves({ phoneNumbers: [] });
    const optOuts = snsSmsOptOuts(new SNSClient({ region: 'us-east-1' }), fast);

    expect(await all(optOuts)).toEqual(['+254712000001', '+254712000002', '+254712000003']);
    expect(sns.commandCalls(ListPhoneNumbersOptedOutCommand).map((c) => c.args[0].input)).toEqual([{}, { nextToken: 'page-2' }, { nextToken: 'page-3' }]);
    expect(sns.calls()).toHaveLength(3);
  });

  it('retries a throttled page and fails loudly on anything else', async () => {
    const throttled = Object.assign(new Error('Rate exceeded'), { name: 'Throttling' });
    sns.on(ListPhoneNumbersOptedOutCommand).rejectsOnce(throttled).resolves({ phoneNumbers: ['+254712000004'] });
    const optOuts = snsSmsOptOuts(new SNSClient({ region: 'us-east-1' }), fast);
    expect(await optOuts.listOptedOut()).toEqual({ items: ['+254712000004'], cursor: null });
    expect(sns.commandCalls(ListPhoneNumbersOptedOutCommand)).toHaveLength(2);

    sns.reset();
    sns.on(ListPhoneNumbersOptedOutCommand).rejects(Object.assign(new Error('denied'), { name: 'AuthorizationErrorException' }));
    await expect(optOuts.listOptedOut()).rejects.toThrow('denied');
  });
});

describe('the local opt-out list', () => {
  it('pages in number order and keeps its place when numbers are added between pages', async () => {
    const list = memorySmsOptOuts(2);
    for (const n of ['+254712000013', '+254712000011', '+254712000012']) list.optOut(n);
    const first = await list.listOptedOut();
    expect(first).toEqual({ items: ['+254712000011', '+254712000012'], cursor: '+254712000012' });
    list.optOut('+254712000010');
    list.optOut('+254712000014');
    expect(await list.listOptedOut(first.cursor!)).toEqual({ items: ['+254712000013', '+254712000014'], cursor: null });
    expect(list.isOptedOut('+254712000010')).toBe(true);
    expect(list.isOptedOut('+254712000099')).toBe(false);
  });
});
