import { describe, expect, it } from 'vitest';
import { describeHealth, healthReasonCode } from '../../../shared/domain/delivery-health';

describe('healthReasonCode', () => {
  it.each([
    ['http-500', 'http-500'],
    ['network-error: timeout', 'timeout'],
    ['network-error: ECONNREFUSED', 'ECONNREFUSED'],
    ['opted-out', 'opted-out'],
    ['refused: private, loopback, link-local or metadata address', 'refused'],
    ['outcome-unknown: the worker stopped after claiming; not resent to avoid a duplicate', 'outcome-unknown'],
    ['unexpected: TypeError', 'unexpected'],
    ['', 'unknown'],
  ])('reduces %j to %j', (reason, code) => {
    expect(healthReasonCode(reason)).toBe(code);
  });
});

describe('describeHealth', () => {
  it('says failing while consecutive failures are counted, with nulls for what never happened', () => {
    const view = describeHealth({ subscriptionId: 's', sent: 0, failed: 1, deadLettered: 0, retried: 0, consecutiveFailures: 1, lastAttemptAt: 't', lastFailureAt: 't', lastFailureReason: 'http-410' });
    expect(view).toMatchObject({ status: 'failing', lastSuccessAt: null, lastFailureReason: 'http-410' });
  });
});
