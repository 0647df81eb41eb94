import type { Context } from 'hono';
import { AUTHENTICATED, PUBLIC } from '../../functions/http/access';
import type { AppEnv } from '../../functions/http/env';
import { actor } from '../../functions/http/middleware/auth';
import type { Router } from '../../functions/http/router';
import { NotFoundError, ValidationError } from '../../shared/errors';
import { importTrips, type ImportFormat, type ImportResult } from '../../shared/services/import-trips';
import { readAccount } from '../../shared/services/read-account';
import { listSafetyChecks, readSafetyCheck, startSafetyCheck } from '../../shared/services/safety-checks';
import { createTraveler, listTravelers } from '../../shared/services/travelers';
import { groupIssues } from '../components/form';
import { sendPage } from './respond';
import { SafetyCheckPage, SafetyCheckSection } from './safety-check-live';
import { TRAVELER_LABELS, TravelersPage, type TravelersPageProps } from './travelers';

const ULID = /^[0-9A-HJKMNP-TV-Z]{26}$/;
/** Travelers the page lists; the API pages through all of them. */
const LISTED = 200;
const NOTICES: Record<string, string> = { added: 'The traveler was added.' };

async function travelersPage(c: Context<AppEnv>, extra: Partial<TravelersPageProps> = {}, status: 200 | 201 | 422 = 200): Promise<Response> {
  const who = actor(c);
  const deps = c.var.deps;
  const [account, travelers, checks] = await Promise.all([readAccount(deps, who), listTravelers(deps, who, LISTED), listSafetyChecks(deps, who, 20)]);
  const page = <TravelersPage orgName={account.organization?.name ?? ''} travelers={travelers.items} checks={checks.items} {...extra} />;
  return sendPage(c, page, { status });
}

/** An uploaded itinerary's format: by the file's type, else its name, else its first line. */
function formatOf(file: File, text: string): ImportFormat {
  if (file.type === 'text/calendar' || /\.ics$/i.test(file.name) || /^\s*BEGIN:VCALENDAR/i.test(text)) return 'calendar';
  return 'csv';
}

function checkId(c: Context<AppEnv>): string {
  const id = c.req.param('id') ?? '';
  if (!ULID.test(id)) throw new NotFoundError('Safety check');
  return id;
}

/**
 * The portal's duty-of-care pages: the Travelers section (list, add, CSV or
 * iCalendar import with each refused line shown), starting a safety check
 * (from a publication's exposure panel), and the check's live page.
 */
export function travelerPortalRoutes(router: Router): void {
  router.on('GET', '/portal/travelers', PUBLIC, async (c) => {
    if (c.var.viewer.kind === 'anonymous') return c.redirect('/sign-in?next=%2Fportal%2Ftravelers', 303);
    const done = c.req.query('done');
    return travelersPage(c, done && NOTICES[done] ? { notice: NOTICES[done] } : {});
  });

  router.on('POST', '/portal/travelers', AUTHENTICATED, async (c) => {
    const body = await c.req.parseBody();
    const text = (name: string) => {
      const value = body[name];
      return typeof value === 'string' ? value.trim() : '';
    };
    const values = { name: text('name'), email: text('email'), phone: text('phone') };
    try {
      await createTraveler(c.var.deps, actor(c), { name: values.name, ...(values.email ? { email: values.email } : {}), ...(values.phone ? { phone: values.phone } : {}) });
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      return travelersPage(c, { errors: groupIssues(error.issues, new Set(Object.keys(TRAVELER_LABELS))), values }, 422);
    }
    return c.redirect('/portal/travelers?done=added', 303);
  });

  router.on('POST', '/portal/travelers/import', AUTHENTICATED, async (c) => {
    const body = await c.req.parseBody();
    const file = body.file;
    if (!(file instanceof File) || file.size === 0) {
      return travelersPage(c, { errors: { file: ['Choose a CSV or iCalendar file to import.'] } }, 422);
    }
    const text = await file.text();
    let imported: ImportResult;
    try {
      imported = await importTrips(c.var.deps, actor(c), formatOf(file, text), text);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      return travelersPage(c, { errors: { file: error.issues.map((i) => `The file ${i.message}.`) } }, 422);
    }
    return travelersPage(c, { imported });
  });

  router.on('POST', '/portal/safety-checks', AUTHENTICATED, async (c) => {
    const body = await c.req.parseBody();
    const publicationId = typeof body.publicationId === 'string' ? body.publicationId : '';
    const message = typeof body.message === 'string' ? body.message.trim() : '';
    const { check } = await startSafetyCheck(c.var.deps, actor(c), c.var.viewer, { publicationId, message });
    return c.redirect(`/portal/safety-checks/${check.id}`, 303);
  });

  router.on('GET', '/portal/safety-checks/:id', PUBLIC, async (c) => {
    const id = checkId(c);
    if (c.var.viewer.kind === 'anonymous') return c.redirect(`/sign-in?next=${encodeURIComponent(`/portal/safety-checks/${id}`)}`, 303);
    return sendPage(c, <SafetyCheckPage check={await readSafetyCheck(c.var.deps, actor(c), id)} />, { scripts: true });
  });

  // The answers section alone, for the live page's script to put in place as answers arrive.
  router.on('GET', '/portal/safety-checks/:id/answers', AUTHENTICATED, async (c) => {
    const id = checkId(c);
    const html = String(await (<SafetyCheckSection check={await readSafetyCheck(c.var.deps, actor(c), id)} pollUrl={`/portal/safety-checks/${id}/answers`} />));
    c.header('cache-control', 'private, no-store');
    c.header('content-security-policy', "default-src 'none'");
    return c.html(html);
  });
}
