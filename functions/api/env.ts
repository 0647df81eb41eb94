import type { KeyScope } from '../../shared/domain/api-key';
import type { Viewer } from '../../shared/domain/sharing';
import type { IdempotencyStore } from '../../shared/ports/idempotency-store';
import type { Logger } from '../../shared/ports/logger';
import type { Outbox } from '../../shared/ports/messaging';
import type { ServiceDeps } from '../../shared/services/deps';

/** Everything the API app is built from; functions/wiring picks the adapters. */
export interface ApiDeps extends ServiceDeps {
  idempotency: IdempotencyStore;
  logger: Logger;
  config: ApiConfig;
  /** Local mode only: what was "sent", for GET /v1/dev/outbox. */
  outbox?: Outbox;
}

export interface ApiConfig {
  /** `local` enables the developer routes (outbox) and demo affordances. */
  mode: 'local' | 'aws';
  /** Public base URL used in links, e.g. http://127.0.0.1:3000. */
  baseUrl: string;
  /** Largest request body accepted, in bytes. */
  maxBodyBytes: number;
}

export type AppEnv = {
  Variables: {
    deps: ApiDeps;
    viewer: Viewer;
    scopes: KeyScope[];
  };
};
