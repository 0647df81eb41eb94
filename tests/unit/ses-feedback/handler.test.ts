import { describe, expect, it } from 'vitest';
import { createSesFeedbackHandler, feedbackAction } from '../../../functions/ses-feedback/handler';
import type { Subscription, SubscriptionStatus } from '../../../shared/domain/subscription';
import type { SqsEvent } from '../../../shared/ports/sqs-event';
import type { SubscriptionStore } from '../../../shared/ports/subscription-store';

function sub(id: string, channel: Subscription['channel'], status: SubscriptionStatus, address = 'ana@example.org'): Subscription {
  return { id, channel, address, status, filters: { countries: [], regions: [], kinds: [] }, createdAt: '2026-01-01T00:00:00Z' };
}

function store(subscriptions: Subscription[], failOn?: string) {
  const changes: { id: string; status: SubscriptionStatus; reason?: string }[] = [];
  const s: Pick<SubscriptionStore, 'listByAddress' | 'get' | 'setStatus'> = {
    listByAddress: async (address) => subscriptions.filter((x) => x.address === address),
    get: async (id) => subscriptions.find((x) => x.id === id),
    setStatus: async (id, status, _at, _audit, reason) => {
      if (id === failOn) throw new Error('store down');
      changes.push({ id, status, ...(reason ? { reason } : {}) });
      return undefined;
    },
  };
  return { store: s as SubscriptionStore, changes };
}

const logs: string[] = [];
const logger = { info: (m: string, f?: object) => logs.push(`${m} ${JSON.stringify(f)}`), warn: () => {}, error: (m: string, f?: object) => logs.push(`${m} ${JSON.stringify(f)}`) };
const clock = { now: () => '2026-11-25T12:00:00.000Z' };
let sequence = 0;
const ids = { next: () => `id-${++sequence}` };

function event(...messages: unknown[]): SqsEvent {
  return {
    Records: messages.map((m, i) => ({
      messageId: `m${i}`,
      receiptHandle: 'r',
      body: typeof m === 'string' ? m : JSON.stringify({ Type: 'Notification', MessageId: `n${i}`, Message: JSON.stringify(m) }),
      attributes: { ApproximateReceiveCount: '1', SentTimestamp: '0', SenderId: 's', ApproximateFirstReceiveTimestamp: '0' },
      messageAttributes: {},
      md5OfBody: '',
      eventSource: 'aws:sqs',
      eventSourceARN: 'arn:aws:sqs:us-east-1:1:q',
      awsRegion: 'us-east-1',
    })),
  };
}

const permanentBounce = { eventType: 'Bounce', bounce: { bounceType: 'Permanent', bouncedRecipients: [{ emailAddress: 'Ana@Example.org' }] } };

describe('ses-feedback', () => {
  it('suspends the active email subscriptions of a permanently bouncing address', async () => {
    const { store: s, changes } = store([sub('a', 'email', 'active'), sub('b', 'email', 'suspended'), sub('c', 'sms', 'active'), sub('d', 'email', 'pending')]);
    const result = await createSesFeedbackHandler({ subscriptions: s, clock, ids, logger })(event(permanentBounce));
    expect(result).toEqual({ batchItemFailures: [] });
    expect(changes).toEqual([{ id: 'a', status: 'suspended', reason: 'bounced' }]);
  });

  it('suspends on a complaint, from an identity notification too', () => {
    expect(feedbackAction({ notificationType: 'Complaint', complaint: { complainedRecipients: [{ emailAddress: 'x@example.org' }] } })).toEqual({ reason: 'complained', addresses: ['x@example.org'] });
  });

  it('ignores transient bounces and other events', () => {
    expect(feedbackAction({ eventType: 'Bounce', bounce: { bounceType: 'Transient', bouncedRecipients: [] } })).toEqual({ ignore: 'bounce:Transient' });
    expect(feedbackAction({ eventType: 'Delivery' })).toEqual({ ignore: 'event:Delivery' });
  });

  it('reports a store failure for retry and drops a malformed record, never logging addresses', async () => {
    const { store: s } = store([sub('a', 'email', 'active')], 'a');
    const result = await createSesFeedbackHandler({ subscriptions: s, clock, ids, logger })(event(permanentBounce, 'not json'));
    expect(result).toEqual({ batchItemFailures: [{ itemIdentifier: 'm0' }] });
    expect(logs.join('\n')).not.toMatch(/ana@example\.org/i);
  });
});
