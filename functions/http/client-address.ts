import type { Context } from 'hono';
import { clientNetworkKey } from '../../shared/domain/ip-address';
import type { MessageCaller } from '../../shared/services/subscription-message-limits';
import type { AppEnv } from './env';

/** What Node (locally) and API Gateway (in Lambda) say about the connection. */
type ConnectionEnv = { incoming?: { socket?: { remoteAddress?: string } }; requestContext?: { http?: { sourceIp?: string }; identity?: { sourceIp?: string } } } | undefined;

/**
 * The caller's network, as the anonymous limits count it (an IPv6 client
 * by its /64, see `clientNetworkKey`). The address comes only from a source
 * the deployment trusts (`config.trustedClientHeader`):
 * - in AWS, `CloudFront-Viewer-Address` (ip:port), which CloudFront sets
 *   and the origin lock keeps clients from sending to the API directly;
 *   without it, the API Gateway source address;
 * - locally, the socket's peer. `X-Forwarded-For` is never read: any client
 *   can write it.
 * See docs/security.md (finding 4).
 */
export function clientAddress(c: Context<AppEnv>): string {
  if (c.var.deps.config.trustedClientHeader === 'cloudfront-viewer-address') {
    const viewer = c.req.header('cloudfront-viewer-address');
    if (viewer) return clientNetworkKey(viewer.trim().replace(/:\d+$/, ''));
  }
  const env = c.env as ConnectionEnv;
  const peer = env?.incoming?.socket?.remoteAddress ?? env?.requestContext?.http?.sourceIp ?? env?.requestContext?.identity?.sourceIp;
  return peer ? clientNetworkKey(peer) : 'unknown';
}

/** Who a confirmation or personal-data message is charged to: the signed-in person, or the anonymous caller's network. */
export function messageCaller(c: Context<AppEnv>): MessageCaller {
  const viewer = c.var.viewer;
  return viewer.kind === 'person' ? { kind: 'person', personId: viewer.personId } : { kind: 'anonymous', clientAddress: clientAddress(c) };
}
