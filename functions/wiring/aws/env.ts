import { createHmac } from 'node:crypto';
import * as z from 'zod';
import { hmacLinkSigner } from '../../../shared/adapters/system/hmac-link-signer';
import type { LinkSigner } from '../../../shared/ports/link-signer';

/**
 * The pieces of a Lambda's configuration, each parsed only by the functions
 * that use it, once, at cold start (the stack sets them; see
 * infra/aws/stack/function-factory.ts). Importing this module pulls in no
 * AWS client.
 */
export const TableEnvSchema = z.object({ TABLE_NAME: z.string().min(1) });

/**
 * The function's name in its logs, metrics and traces, in Powertools' own
 * variable: the stack sets it from the topology (`serviceOf`), so the code
 * need not carry the topology to know which function it is.
 */
export const ServiceEnvSchema = z.object({ POWERTOOLS_SERVICE_NAME: z.string().regex(/^outpost-[a-z-]+$/, 'must be the function\'s service name, e.g. "outpost-api"') });

/** Signed links in messages and pages: the key (read from Secrets Manager first) and the public base URL. */
export const LinksEnvSchema = z.object({
  PUBLIC_BASE_URL: z.url(),
  LINK_SIGNING_SECRET: z.string().min(32),
  /** Signs session cookies; derived from LINK_SIGNING_SECRET when not set (sessionSecretOf). */
  SESSION_SIGNING_SECRET: z.string().min(32).optional(),
});

/** The public base URL alone, for functions that link to pages but sign nothing. */
export const BaseUrlEnvSchema = LinksEnvSchema.pick({ PUBLIC_BASE_URL: true });

/** SES: the verified From address and the configuration set that reports bounces and complaints. */
export const EmailEnvSchema = z.object({
  SENDER_EMAIL: z.email(),
  SES_CONFIGURATION_SET: z.string().min(1).optional(),
});

/** A delivery worker's own SQS queue (set by the stack): large fan-outs continue there. */
export const QueueEnvSchema = z.object({ DELIVERY_QUEUE_URL: z.url() });

/** The base URL without a trailing slash, as links are built on it. */
export function baseUrlOf(config: z.infer<typeof BaseUrlEnvSchema>): string {
  return config.PUBLIC_BASE_URL.replace(/\/$/, '');
}

/** The link signer and base URL that signed links need. */
export function linkDeps(config: z.infer<typeof LinksEnvSchema>): { links: LinkSigner; baseUrl: string } {
  return { links: hmacLinkSigner(config.LINK_SIGNING_SECRET), baseUrl: baseUrlOf(config) };
}

/**
 * The key that signs session cookies: SESSION_SIGNING_SECRET when set,
 * otherwise derived from the link key, so one secret suffices.
 */
export function sessionSecretOf(config: z.infer<typeof LinksEnvSchema> & { SESSION_SIGNING_SECRET?: string | undefined }): string {
  return config.SESSION_SIGNING_SECRET ?? createHmac('sha256', config.LINK_SIGNING_SECRET).update('outpost session cookie').digest('base64url');
}
