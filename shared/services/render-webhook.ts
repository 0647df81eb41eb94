import { createHmac } from 'node:crypto';
import type { Version } from '../domain/publication';
import { entryTitle, publicationUrl } from '../formats/entry-title';

/** The JSON a webhook receives for one published version. */
export interface WebhookPayload {
  /** The delivery id, as in the `Outpost-Delivery` header; the same on every retry. */
  id: string;
  type: 'publication.published';
  createdAt: string;
  publication: Record<string, unknown>;
}

/**
 * The webhook body: the version's content as the API presents it, plus its
 * page URL. Sent only to subscriptions entitled to the sharing level.
 */
export function renderWebhook(version: Version, deliveryId: string, createdAt: string, baseUrl: string): string {
  const { content } = version;
  const payload: WebhookPayload = {
    id: deliveryId,
    type: 'publication.published',
    createdAt,
    publication: {
      id: version.id,
      version: version.version,
      url: publicationUrl(baseUrl, version.id),
      regions: version.regions,
      orgId: version.orgId,
      major: version.major,
      changeNote: version.changeNote,
      publishedAt: version.publishedAt,
      ...content,
      /** The title as feeds and emails show it (names the level for advisories); `title` is the publisher's own. */
      displayTitle: entryTitle(content),
      // The recipient list of an AMBER item names other organizations: not theirs to see.
      recipients: undefined,
    },
  };
  return JSON.stringify(payload);
}

/**
 * `t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<raw body>")>`, the
 * `Outpost-Signature` header (docs/architecture.md). The key is the secret string exactly
 * as returned at creation (its UTF-8 bytes; never base64url-decoded), see
 * docs/decisions/0014-webhook-signing-key.md. Receivers recompute it over the
 * raw body and reject timestamps outside their replay window (5 minutes; the
 * snippet in docs/api.md does both).
 *
 * @example signWebhook('whsec_…', body, 1767225600) // 't=1767225600,v1=9f…'
 */
export function signWebhook(secret: string, rawBody: string, unixSeconds: number): string {
  const mac = createHmac('sha256', Buffer.from(secret, 'utf8')).update(`${unixSeconds}.${rawBody}`).digest('hex');
  return `t=${unixSeconds},v1=${mac}`;
}
