import { createHmac, timingSafeEqual } from 'node:crypto';
import type { LinkSigner } from '../../ports/link-signer';

/**
 * HMAC-SHA256 tokens: base64url(JSON {p, s, e}) + "." + base64url(mac).
 * The purpose is inside the MAC, so an unsubscribe token cannot confirm.
 */
export function hmacLinkSigner(secret: string): LinkSigner {
  if (secret.length < 32) throw new Error('The link-signing secret must be at least 32 characters.');
  const mac = (payload: string) => createHmac('sha256', secret).update(payload).digest();
  return {
    sign(purpose, subject, expiresAt) {
      const payload = Buffer.from(JSON.stringify({ p: purpose, s: subject, e: expiresAt })).toString('base64url');
      return `${payload}.${mac(payload).toString('base64url')}`;
    },
    verify(purpose, token, now) {
      if (token.length > 2048) return undefined;
      const [payload, signature, extra] = token.split('.');
      if (!payload || !signature || extra !== undefined) return undefined;
      const expected = mac(payload);
      const given = Buffer.from(signature, 'base64url');
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
      try {
        const data = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { p?: unknown; s?: unknown; e?: unknown };
        if (data.p !== purpose || typeof data.s !== 'string' || typeof data.e !== 'string') return undefined;
        return Date.parse(data.e) > Date.parse(now) ? data.s : undefined;
      } catch {
        return undefined;
      }
    },
  };
}
