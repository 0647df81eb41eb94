import type { Context } from 'hono';
import type { MessageCaller } from '../../shared/services/subscription-message-limits';
import type { AppEnv } from './env';

/**
 * The caller's network address, for the anonymous message limits.
 *
 * In AWS only `CloudFront-Viewer-Address` (ip:port) counts: CloudFront sets
 * it from the connection it accepted, replacing whatever the client sent,
 * and the origin answers only requests carrying CloudFront's secret
 * (origin-guard.ts), so nobody else can set it. `X-Forwarded-For` is never
 * read there: its first hop is whatever the client wrote. Locally there is
 * no CloudFront: the first `X-Forwarded-For` hop (a developer's proxy, or a
 * test naming its client), else the connection's peer.
 * See docs/decisions/0005-subscription-links-and-limits.md.
 */
export function clientAddress(c: Context<AppEnv>): string {
  if (c.var.deps.config.mode === 'aws') return c.req.header('cloudfront-viewer-address')?.replace(/:\d+$/, '').slice(0, 64) ?? 'unknown';
  const forwarded = c.req.header('x-forwarded-for')?.split(',')[0]?.trim();
  if (forwarded) return forwarded.slice(0, 64);
  const env = c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined;
  return env?.incoming?.socket?.remoteAddress ?? 'unknown';
}

/** Who a confirmation or personal-data message is charged to: the signed-in person, or the anonymous caller's address. */
export function messageCaller(c: Context<AppEnv>): MessageCaller {
  const viewer = c.var.viewer;
  return viewer.kind === 'person' ? { kind: 'person', personId: viewer.personId } : { kind: 'anonymous', clientAddress: clientAddress(c) };
}
