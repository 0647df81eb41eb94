import { findOutboxRecord, readOutbox } from '../../shared/services/read-outbox';
import type { Context } from 'hono';
import { PUBLIC } from '../../functions/http/access';
import type { AppEnv } from '../../functions/http/env';
import type { Router } from '../../functions/http/router';
import type { OutboxRecord } from '../../shared/ports/messaging';
import { OUTBOX_PATH } from '../components/outbox-notice';
import { NotFoundPage } from './not-found';
import { OutboxMessagePage, OutboxPage, OutboxUnavailablePage } from './outbox';
import { sendPage } from './respond';

const ULID = /^[0-9A-HJKMNP-TV-Z]{26}$/;

/**
 * The policy of an email's HTML part, shown in a frame of the message page:
 * its own inline styles and data: images, nothing that runs or loads, and
 * sandboxed even when opened on its own. Links may navigate the top window
 * on a click (the sign-in and confirmation links must work from here).
 */
const EMAIL_HTML_CSP = [
  'sandbox allow-top-navigation-by-user-activation allow-popups allow-popups-to-escape-sandbox',
  "default-src 'none'",
  "style-src 'unsafe-inline'",
  'img-src data:',
  "form-action 'none'",
  "base-uri 'none'",
  "frame-ancestors 'self'",
].join('; ');

/** Links in a framed email open in the window that shows the message, not inside the frame (our pages refuse to be framed). */
function targetTopWindow(html: string): string {
  const base = '<base target="_top">';
  const head = /<head(\s[^>]*)?>/i.exec(html);
  if (head) return `${html.slice(0, head.index + head[0].length)}${base}${html.slice(head.index + head[0].length)}`;
  const doctype = /^\s*<!doctype[^>]*>/i.exec(html);
  return doctype ? `${doctype[0]}${base}${html.slice(doctype[0].length)}` : `${base}${html}`;
}

function findRecord(c: Context<AppEnv>): OutboxRecord | undefined {
  const id = c.req.param('id') ?? '';
  if (!ULID.test(id)) return undefined;
  return findOutboxRecord(c.var.deps, id);
}

function notFound(c: Context<AppEnv>): Promise<Response> {
  return sendPage(c, <NotFoundPage what="that message" />, { status: 404 });
}

/**
 * Local mode only (registered from `web/routes.ts` when `config.mode` is
 * `local`): the outbox as pages, so a newcomer can sign in and confirm
 * subscriptions from the browser. Never cached: messages carry one-time links.
 */
export function outboxRoutes(router: Router): void {
  router.on('GET', OUTBOX_PATH, PUBLIC, (c) => {
    const records = readOutbox(c.var.deps);
    return sendPage(c, records ? <OutboxPage records={records} /> : <OutboxUnavailablePage />, { noStore: true });
  });

  router.on('GET', `${OUTBOX_PATH}/:id`, PUBLIC, (c) => {
    const record = findRecord(c);
    if (!record) return notFound(c);
    return sendPage(c, <OutboxMessagePage record={record} />, { noStore: true, frames: 'self' });
  });

  router.on('GET', `${OUTBOX_PATH}/:id/html`, PUBLIC, (c) => {
    const record = findRecord(c);
    if (record?.html === undefined) return notFound(c);
    c.header('content-security-policy', EMAIL_HTML_CSP);
    c.header('x-frame-options', 'SAMEORIGIN');
    c.header('cache-control', 'no-store');
    return c.html(targetTopWindow(record.html));
  });
}
