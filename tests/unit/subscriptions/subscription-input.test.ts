import { describe, expect, it } from 'vitest';
import { hmacLinkSigner } from '../../../shared/adapters/system/hmac-link-signer';
import { EmailAddressSchema } from '../../../shared/domain/email-address';
import { looksLikePhoneNumber, PhoneNumberSchema } from '../../../shared/domain/phone';
import { CHANNELS } from '../../../shared/domain/channel';
import { canTransition, describeSubscription, filtersOf, retainUntil, subscriptionScopes, type Subscription } from '../../../shared/domain/subscription';
import { ExpiredLinkError, InvalidLinkError } from '../../../shared/errors';
import { LINK_PURPOSES, readLinkToken, unsubscribeHeaders, unsubscribeLink } from '../../../shared/services/subscription-links';

describe('email addresses', () => {
  it('trims and lower-cases', () => expect(EmailAddressSchema.parse('  Ana.Lopez@Example.ORG ')).toBe('ana.lopez@example.org'));
  it.each(['', 'no-at-sign', 'a@', '@b.example', 'a b@example.org', `${'a'.repeat(250)}@example.org`])('refuses %j', (text) =>
    expect(EmailAddressSchema.safeParse(text).success).toBe(false),
  );
});

describe('phone numbers', () => {
  it.each([
    ['+254 712 345678', '+254712345678'],
    ['+1 (202) 555-0143', '+12025550143'],
    ['+44 7911 123456', '+447911123456'],
  ])('stores %s as %s', (input, e164) => expect(PhoneNumberSchema.parse(input)).toBe(e164));
  it.each(['0712 345678', '+1 555', '+999 123456789', 'call me', '+254 712 345678 ext 9'])('refuses %j', (text) =>
    expect(PhoneNumberSchema.safeParse(text).success).toBe(false),
  );
  it('tells phone numbers from email addresses', () => {
    expect(looksLikePhoneNumber('+254 712 345678')).toBe(true);
    expect(looksLikePhoneNumber('a@b.example')).toBe(false);
  });
});

describe('create schemas and filters', () => {
  it('are strict per channel', () => {
    expect(CHANNELS.email.input.safeParse({ channel: 'email', address: 'a@b.example', url: 'https://x.example' }).success).toBe(false);
    expect(CHANNELS.webhook.input.safeParse({ channel: 'webhook', url: 'https://x.example', address: 'a@b.example' }).success).toBe(false);
    expect(CHANNELS.sms.input.safeParse({ channel: 'sms', address: '+254712345678', minLevel: 3 }).success).toBe(true);
  });
  it('deduplicate and sort, so each index key is written once', () => {
    const filters = filtersOf({ countries: ['KE', 'FR', 'KE'], regions: ['EUR', 'AF', 'AF'], kinds: ['security-alert'] });
    expect(filters).toEqual({ countries: ['FR', 'KE'], regions: ['AF', 'EUR'], kinds: ['security-alert'] });
    expect(subscriptionScopes(filters)).toEqual(['c:FR', 'c:KE', 'r:AF', 'r:EUR']);
    expect(subscriptionScopes(filtersOf({}))).toEqual(['global']);
  });
});

describe('lifecycle', () => {
  const sub: Subscription = {
    id: '01ARZ3NDEKTSV4RRFFQ69G5FAV',
    channel: 'email',
    address: 'a@b.example',
    filters: filtersOf({}),
    status: 'pending',
    createdAt: '2030-01-01T00:00:00.000Z',
    secret: 'never',
  };
  it('allows only the documented transitions', () => {
    expect(canTransition('pending', 'active')).toBe(true);
    expect(canTransition('active', 'suspended')).toBe(true);
    expect(canTransition('unsubscribed', 'active')).toBe(false);
    expect(canTransition('pending', 'suspended')).toBe(false);
  });
  it('keeps pending and unsubscribed data only for a while', () => {
    expect(retainUntil(sub)).toBe('2030-01-09T00:00:00.000Z');
    expect(retainUntil({ ...sub, status: 'active' })).toBeUndefined();
    expect(retainUntil({ ...sub, status: 'unsubscribed', updatedAt: '2030-02-01T00:00:00.000Z' })).toBe('2030-03-03T00:00:00.000Z');
  });
  it('never presents the secret, and the address only when asked', () => {
    expect(JSON.stringify(describeSubscription(sub, { showAddress: true }))).not.toContain('never');
    expect(describeSubscription(sub, { showAddress: false }).address).toBeUndefined();
    expect(describeSubscription(sub, { showAddress: true }).address).toBe('a@b.example');
  });
});

describe('link tokens', () => {
  const now = '2030-06-01T12:00:00.000Z';
  const deps = { links: hmacLinkSigner('x'.repeat(32)), clock: { now: () => now }, baseUrl: 'https://outpost.example' };
  it('builds unsubscribe links and RFC 8058 headers', () => {
    const url = unsubscribeLink(deps, { id: 'SUB1' });
    expect(url).toMatch(/^https:\/\/outpost\.example\/subscribe\/unsubscribe\?token=/);
    const token = decodeURIComponent(url.split('token=')[1]!);
    expect(readLinkToken(deps, LINK_PURPOSES.unsubscribe, token)).toBe('SUB1');
    expect(unsubscribeHeaders(deps, { id: 'SUB1' })['List-Unsubscribe-Post']).toBe('List-Unsubscribe=One-Click');
  });
  it('tells expired links (410) from invalid ones (400)', () => {
    const expired = deps.links.sign(LINK_PURPOSES.confirm, 'SUB1', '2030-06-01T11:59:59.000Z');
    expect(() => readLinkToken(deps, LINK_PURPOSES.confirm, expired)).toThrow(ExpiredLinkError);
    expect(() => readLinkToken(deps, LINK_PURPOSES.unsubscribe, expired)).toThrow(InvalidLinkError);
    expect(() => readLinkToken(deps, LINK_PURPOSES.confirm, undefined)).toThrow(InvalidLinkError);
    expect(() => readLinkToken(deps, LINK_PURPOSES.confirm, `${expired}x`)).toThrow(InvalidLinkError);
  });
});
