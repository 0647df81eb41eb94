import type { Context } from 'hono';
import { PUBLIC } from '../../functions/http/access';
import type { AppEnv } from '../../functions/http/env';
import type { Router } from '../../functions/http/router';
import type { Version } from '../../shared/domain/publication';
import { NotFoundError } from '../../shared/errors';
import { getCountry, listCountries } from '../../shared/services/read-countries';
import { readExposure } from '../../shared/services/read-exposure';
import { actor } from '../../functions/http/middleware/auth';
import { getPublication, listPublications, listVersions } from '../../shared/services/read-publications';
import { isPageScriptName, PAGE_SCRIPTS } from '../assets/page-scripts';
import { SITE_CSS, SITE_CSS_HASH } from '../assets/site-css';
import { CountryPage } from './country';
import { CountrySearchPage, matchCountries } from './country-search';
import { HomePage } from './home';
import { LevelsPage } from './levels';
import { NotFoundPage } from './not-found';
import { PublicationPage } from './publication';
import { sendAsset, sendPage } from './respond';

const COUNTRY_CODE = /^[A-Za-z]{2}$/;
const ULID = /^[0-9A-HJKMNP-TV-Z]{26}$/;

function notFound(c: Context<AppEnv>, what: string): Promise<Response> {
  return sendPage(c, <NotFoundPage what={what} />, { status: 404 });
}

/** Versions of a publication the viewer may see; none when its history is hidden from them. */
async function historyOf(c: Context<AppEnv>, id: string): Promise<Version[]> {
  try {
    return await listVersions(c.var.deps, c.var.viewer, id);
  } catch (error) {
    if (error instanceof NotFoundError) return [];
    throw error;
  }
}

/** Server-rendered public pages; registered on the same app as the API. */
export function pageRoutes(router: Router): void {
  router.on('GET', '/assets/site.css', PUBLIC, (c) => sendAsset(c, { body: SITE_CSS, hash: SITE_CSS_HASH, contentType: 'text/css; charset=utf-8' }));

  router.on('GET', '/assets/:name{[a-z-]+\\.js}', PUBLIC, (c) => {
    const name = (c.req.param('name') ?? '').replace(/\.js$/, '');
    if (!isPageScriptName(name)) return notFound(c, 'that script');
    const script = PAGE_SCRIPTS[name];
    return sendAsset(c, { body: script.source, hash: script.hash, contentType: 'text/javascript; charset=utf-8' });
  });

  router.on('GET', '/', PUBLIC, async (c) => {
    const deps = c.var.deps;
    const [countries, alerts] = await Promise.all([listCountries(deps), listPublications(deps, c.var.viewer, { kind: 'security-alert', limit: 5 })]);
    return sendPage(c, <HomePage countries={countries} alerts={alerts.items} />, { conditional: true });
  });

  router.on('GET', '/levels', PUBLIC, (c) => sendPage(c, <LevelsPage />, { conditional: true }));

  router.on('GET', '/countries', PUBLIC, async (c) => {
    const q = (c.req.query('q') ?? '').slice(0, 100);
    const matches = matchCountries(await listCountries(c.var.deps), q);
    return sendPage(c, <CountrySearchPage q={q} matches={matches} />);
  });

  router.on('GET', '/countries/:cc', PUBLIC, async (c) => {
    const cc = c.req.param('cc') ?? '';
    if (!COUNTRY_CODE.test(cc)) return notFound(c, 'that country');
    let detail;
    try {
      detail = await getCountry(c.var.deps, c.var.viewer, cc);
    } catch (error) {
      if (error instanceof NotFoundError) return notFound(c, 'that country');
      throw error;
    }
    const history = detail.advisory ? await historyOf(c, detail.advisory.id) : [];
    return sendPage(c, <CountryPage detail={detail} history={history} />, { conditional: true });
  });

  router.on('GET', '/publications/:id', PUBLIC, async (c) => {
    const id = c.req.param('id') ?? '';
    if (!ULID.test(id)) return notFound(c, 'that publication');
    let view;
    try {
      view = await getPublication(c.var.deps, c.var.viewer, id);
    } catch (error) {
      if (error instanceof NotFoundError) return notFound(c, 'that publication');
      throw error;
    }
    const content = view.version?.content ?? view.head.working?.content;
    if (!content) return notFound(c, 'that publication');
    const history = view.version ? await historyOf(c, id) : [];
    const ended =
      view.head.state === 'archived'
        ? view.head.supersededBy
          ? 'This publication has been replaced by a newer one and is no longer current.'
          : 'This publication has been archived and is no longer current.'
        : view.head.state === 'expired'
          ? 'This publication has expired and is no longer current.'
          : undefined;
    // Signed-in members see which of their travelers are there (their organization's data only).
    const exposure = c.var.viewer.kind === 'person' && view.version && !ended ? await readExposure(c.var.deps, actor(c), c.var.viewer, id) : undefined;
    return sendPage(c, <PublicationPage content={content} version={view.version} history={history} ended={ended} exposure={exposure} />, { conditional: true });
  });


}
