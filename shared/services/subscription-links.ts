import type { Subscription } from '../domain/subscription';
import { CONFIRMATION_DAYS } from '../domain/subscription';
import { ExpiredLinkError, InvalidLinkError } from '../errors';
import type { ServiceDeps } from './deps';

/**
 * Signed, single-purpose, expiring links for subscriptions. The purpose is
 * inside the signature, so an unsubscribe token cannot confirm and a
 * confirmation token cannot export personal data. Tokens name a
 * subscription id (or, for personal data, the request that holds the
 * address), never an address.
 *
 * Every link put in a message opens a web page, and only a button on that
 * page (a POST) changes anything: mail scanners and link previews follow
 * links with GET and HEAD, and must neither confirm nor end a subscription.
 */
export const LINK_PURPOSES = {
  confirm: 'subscription-confirm',
  unsubscribe: 'unsubscribe',
  manage: 'subscription-manage',
  personalData: 'personal-data',
} as const;
export type LinkPurpose = (typeof LINK_PURPOSES)[keyof typeof LINK_PURPOSES];

const DAY_MS = 86_400_000;
/** An unsubscribe link in a message works for a year after the message was sent. */
const UNSUBSCRIBE_DAYS = 365;
/** Personal-data links (export, erase) work for a day. */
export const PERSONAL_DATA_HOURS = 24;

type LinkDeps = Pick<ServiceDeps, 'links' | 'clock' | 'baseUrl'>;

function expiry(deps: LinkDeps, ms: number): string {
  return new Date(Date.parse(deps.clock.now()) + ms).toISOString();
}

function link(deps: LinkDeps, path: string, token: string): string {
  return `${deps.baseUrl}${path}?token=${encodeURIComponent(token)}`;
}

/** The confirmation token of a pending subscription. */
function confirmToken(deps: LinkDeps, subscription: Pick<Subscription, 'id'>): string {
  return deps.links.sign(LINK_PURPOSES.confirm, subscription.id, expiry(deps, CONFIRMATION_DAYS * DAY_MS));
}

/** `<baseUrl>/subscribe/confirm?token=…`, valid for CONFIRMATION_DAYS: a page whose "Confirm subscription" button confirms. */
export function confirmLink(deps: LinkDeps, subscription: Pick<Subscription, 'id'>): string {
  return link(deps, '/subscribe/confirm', confirmToken(deps, subscription));
}

/**
 * The unsubscribe link to put in every message to a subscription, valid for
 * a year from now: `<baseUrl>/subscribe/unsubscribe?token=…`. GET shows a
 * page with one button; a POST to the same URL unsubscribes, with the
 * page's form or as RFC 8058 one-click (`List-Unsubscribe=One-Click`, no
 * session, no CSRF token: the signed token is the authority).
 *
 * @example
 * const url = unsubscribeLink(deps, subscription);
 * headers: { 'List-Unsubscribe': `<${url}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' }
 */
export function unsubscribeLink(deps: LinkDeps, subscription: Pick<Subscription, 'id'>): string {
  return link(deps, '/subscribe/unsubscribe', unsubscribeToken(deps, subscription));
}

/** The bare unsubscribe token (a year), for the one-click button on the manage page. */
export function unsubscribeToken(deps: LinkDeps, subscription: Pick<Subscription, 'id'>): string {
  return deps.links.sign(LINK_PURPOSES.unsubscribe, subscription.id, expiry(deps, UNSUBSCRIBE_DAYS * DAY_MS));
}

/** A manage link in a message works for a year after the message was sent, like its unsubscribe link. */
const MANAGE_DAYS = 365;

/**
 * `<baseUrl>/subscribe/manage?token=…`: the page where the owner of a
 * subscription sees it and changes its filters, without signing in. Put in
 * every alert email and on the confirmation page.
 */
export function manageLink(deps: LinkDeps, subscription: Pick<Subscription, 'id'>): string {
  return link(deps, '/subscribe/manage', deps.links.sign(LINK_PURPOSES.manage, subscription.id, expiry(deps, MANAGE_DAYS * DAY_MS)));
}

/**
 * The short unsubscribe link for SMS, `<baseUrl>/u/<code>`: a signed token
 * does not fit two segments beside the alert's own link. Undefined for a
 * subscription without a code (email, webhooks). The code is random and
 * stored, not signed: see docs/decisions/0013-sms-unsubscribe-codes.md.
 */
export function smsUnsubscribeLink(deps: Pick<LinkDeps, 'baseUrl'>, subscription: Pick<Subscription, 'unsubscribeCode'>): string | undefined {
  return subscription.unsubscribeCode ? `${deps.baseUrl.replace(/\/+$/, '')}/u/${subscription.unsubscribeCode}` : undefined;
}

/** RFC 2369 and RFC 8058 headers for an email to a subscription. */
export function unsubscribeHeaders(deps: LinkDeps, subscription: Pick<Subscription, 'id'>): Record<string, string> {
  return { 'List-Unsubscribe': `<${unsubscribeLink(deps, subscription)}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' };
}

/** The subject of a personal-data token names a request (which holds the address); a bare id is an older link anchored on a subscription. */
export const PERSONAL_DATA_REQUEST_SUBJECT = 'request:';

/**
 * The personal-data link for the owner of an address, naming the request
 * that holds the address (never the address itself):
 * `<baseUrl>/personal-data?token=…`, a page whose buttons show (export) or
 * erase everything held. The same token works with the API's
 * `GET /v1/personal-data/export` and `POST /v1/personal-data/erase`.
 */
export function personalDataLink(deps: LinkDeps, requestId: string, expiresAt: string): string {
  return link(deps, '/personal-data', deps.links.sign(LINK_PURPOSES.personalData, `${PERSONAL_DATA_REQUEST_SUBJECT}${requestId}`, expiresAt));
}

/** When a personal-data link made now stops working. */
export function personalDataExpiry(deps: LinkDeps): string {
  return expiry(deps, PERSONAL_DATA_HOURS * 3_600_000);
}

const BEGINNING = '1970-01-01T00:00:00.000Z';

/** The subscription id a token names, or an InvalidLinkError (400) / ExpiredLinkError (410). */
export function readLinkToken(deps: Pick<ServiceDeps, 'links' | 'clock'>, purpose: LinkPurpose, token: string | undefined): string {
  if (!token) throw new InvalidLinkError();
  const subject = deps.links.verify(purpose, token, deps.clock.now());
  if (subject !== undefined) return subject;
  // Genuine and for this purpose, but verified at the beginning of time: it expired.
  if (deps.links.verify(purpose, token, BEGINNING) !== undefined) throw new ExpiredLinkError();
  throw new InvalidLinkError();
}
