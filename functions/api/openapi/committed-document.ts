import committed from '../../../docs/openapi.json' with { type: 'json' };

/** Paths that exist in local mode only (the outbox and the SMS opt-out stand-in). */
const LOCAL_ONLY = /^\/v1\/dev\//;

/**
 * The committed OpenAPI document (docs/openapi.json, written by `npm run
 * openapi` from the local app and kept current by its drift test) as a
 * deployment serves it: its own server URL, without the local-only paths.
 */
export function committedOpenApiDocument(serverUrl: string): unknown {
  const paths = Object.fromEntries(Object.entries(committed.paths).filter(([path]) => !LOCAL_ONLY.test(path)));
  return { ...committed, servers: [{ url: serverUrl }], paths };
}
