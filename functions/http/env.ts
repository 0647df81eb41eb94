import type { DevSchedules } from '../../shared/ports/dev-schedules';
import type { KeyScope } from '../../shared/domain/api-key';
import type { Viewer } from '../../shared/domain/sharing';
import type { IdempotencyStore } from '../../shared/ports/idempotency-store';
import type { Logger } from '../../shared/ports/logger';
import type { Outbox } from '../../shared/ports/messaging';
import type { OriginSecret } from '../../shared/ports/origin-secret';
import type { CorrelationScope } from '../../shared/ports/correlation';
import type { SessionStore } from '../../shared/ports/session-store';
import type { SearchIndexStore } from '../../shared/ports/search-index-store';
import type { SmsOptOutList } from '../../shared/ports/sms-opt-outs';
import type { Session } from '../../shared/domain/session';
import type { ServiceDeps } from '../../shared/services/deps';
import type { WebhookSender } from '../../shared/ports/webhook-sender';

/** Everything the API app is built from; functions/wiring picks the adapters. */
export interface ApiDeps extends ServiceDeps {
  idempotency: IdempotencyStore;
  /** Sign-in grants and browser sessions (web UI). */
  sessions: SessionStore;
  /** The search snapshot and change log that each process's search engine loads and follows. */
  searchIndex: SearchIndexStore;
  logger: Logger;
  config: ApiConfig;
  /** Posts the portal's test deliveries to a member's webhook. */
  webhooks: WebhookSender;
  /** Local mode only: what was "sent", for GET /v1/dev/outbox. */
  outbox?: Outbox;
  /** Local mode only: the schedules, runnable now, for GET /v1/dev/schedules and POST /v1/dev/schedules/{name}/run. */
  schedules?: DevSchedules;
  /** Local mode only: the stand-in for the carrier's SMS opt-out list (numbers that "replied STOP"). */
  smsOptOuts?: SmsOptOutList;
  /** AWS only: the secret CloudFront sends with every request; without it a request is refused before any route. */
  originSecret?: OriginSecret;
  /** Each request runs in its correlation id (X-Correlation-Id, else API Gateway's request id, else a new one). */
  correlation?: CorrelationScope;
}

export interface ApiConfig {
  /** `local` enables the developer routes (outbox) and demo affordances. */
  mode: 'local' | 'aws';
  /** Public base URL used in links, e.g. http://127.0.0.1:3000. */
  baseUrl: string;
  /** Largest request body accepted, in bytes. */
  maxBodyBytes: number;
  /**
   * Signs the session cookie (hono/cookie setSignedCookie). Required in AWS
   * (checked when the app is built); a random one per process locally when absent.
   */
  sessionSecret?: string;
  /**
   * Where the client's address comes from, for the anonymous rate limits:
   * `cloudfront-viewer-address` trusts that header (AWS, behind CloudFront
   * with the origin locked); absent, only the connection's peer counts and
   * forwarded headers are ignored (local mode).
   */
  trustedClientHeader?: 'cloudfront-viewer-address';
  /**
   * Routes whose work depends on whether an address is known (sign-in,
   * personal-data requests) answer no sooner than this many milliseconds
   * after they start, so their timing tells nothing (functions/http/uniform-timing.ts).
   */
  minAnswerMs: number;
}

export type AppEnv = {
  Variables: {
    deps: ApiDeps;
    viewer: Viewer;
    scopes: KeyScope[];
    /** Set when the viewer came from a browser session cookie rather than an API key. */
    session?: { id: string; record: Session; name: string };
  };
};
