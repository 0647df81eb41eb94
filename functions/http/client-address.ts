import type { Context } from 'hono';
import type { MessageCaller } from '../../shared/services/subscription-message-limits';
import type { AppEnv } from './env';

/**
 * The caller's network address, for the anonymous message limits. Behind
 * CloudFront, `CloudFront-Viewer-Address` (ip:port) is set by the edge;
 * otherwise the first `X-Forwarded-For` hop; otherwise the connection's peer
 * (Node server locally, the API Gateway source IP in Lambda). See
 * docs/decisions/0005-subscription-links-and-limits.md for what can be spoofed.
 */
export function clientAddress(c: Context<AppEnv>): string {
  const viewer = c.req.header('cloudfront-viewer-address');
  if (viewer) return viewer.replace(/:\d+$/, '');
  const forwarded = c.req.header('x-forwarded-for')?.split(',')[0]?.trim();
  if (forwarded) return forwarded.slice(0, 64);
  const env = c.env as { incoming?: { socket?: { remoteAddress?: string } }; requestContext?: { http?: { sourceIp?: string }; identity?: { sourceIp?: string } } } | undefined;
  return env?.incoming?.socket?.remoteAddress ?? env?.requestContext?.http?.sourceIp ?? env?.requestContext?.identity?.sourceIp ?? 'unknown';
}

/** Who a confirmation or personal-data message is charged to: the signed-in person, or the anonymous caller's address. */
export function messageCaller(c: Context<AppEnv>): MessageCaller {
  const viewer = c.var.viewer;
  return viewer.kind === 'person' ? { kind: 'person', personId: viewer.personId } : { kind: 'anonymous', clientAddress: clientAddress(c) };
}
