/**
 * The README's API tour with a typed client: `openapi-fetch` over the types
 * `openapi-typescript` generates from Outpost's OpenAPI document
 * (docs/examples/outpost-api.d.ts, from `npm run openapi`). Every path,
 * parameter, body and response below is checked by the compiler against the
 * document; tests/integration/api/typed-client.test.ts runs it against the
 * platform.
 *
 * @example
 * const report = await runTour('http://127.0.0.1:3000', require('./.data/demo.json').keys);
 */
import createClient from 'openapi-fetch';
import type { paths } from './outpost-api';

export interface TourKeys {
  publisher: string;
  approver: string;
  member: string;
}

export interface TourReport {
  health: string;
  countries: number;
  kenyaLevel: number | null;
  publicAlerts: number;
  memberAlerts: number;
  publishedId: string;
  icelandLevelAfterPublish: number | null;
  versionsAfterAmendment: number;
  icelandLevelAfterAmendment: number | null;
}

export async function runTour(baseUrl: string, keys: TourKeys, fetchImpl: typeof fetch = fetch): Promise<TourReport> {
  const client = createClient<paths>({ baseUrl, fetch: fetchImpl });
  const as = (key: string) => ({ Authorization: `Bearer ${key}` });

  const health = await client.GET('/v1/health');
  const countries = await client.GET('/v1/countries');
  const kenya = await client.GET('/v1/countries/{cc}', { params: { path: { cc: 'KE' } } });
  const publicAlerts = await client.GET('/v1/publications', { params: { query: { kind: 'security-alert', limit: 5 } } });
  const memberAlerts = await client.GET('/v1/publications', { params: { query: { kind: 'security-alert', limit: 5 } }, headers: as(keys.member) });

  // A publisher drafts a travel advisory, a second publisher of the organization approves it, and it goes out.
  const draft = await client.POST('/v1/publications', {
    headers: as(keys.publisher),
    body: {
      kind: 'travel-advisory',
      title: 'Iceland Travel Advisory',
      countries: ['IS'],
      summary: 'Exercise increased caution due to volcanic activity on the Reykjanes peninsula.',
      body: 'Eruptions near **Grindavík** may close roads at short notice.',
      sharing: 'TLP:CLEAR',
      level: 2,
      indicators: ['N'],
    },
  });
  if (!draft.data) throw new Error(`draft: ${draft.response.status} ${JSON.stringify(draft.error)}`);
  const id = draft.data.id;
  const step = async (name: 'submit' | 'approve' | 'publish', key: string) => {
    const path = `/v1/publications/{id}/${name}` as const;
    const res = await client.POST(path, { params: { path: { id } }, headers: as(key) });
    if (res.response.status !== 200) throw new Error(`${name}: ${res.response.status} ${JSON.stringify(res.error)}`);
  };
  await step('submit', keys.publisher);
  await step('approve', keys.approver);
  await step('publish', keys.publisher);
  const iceland = await client.GET('/v1/countries/{cc}', { params: { path: { cc: 'IS' } } });

  // Amend it: a new version; updates need the ETag last read in If-Match.
  const current = await client.GET('/v1/publications/{id}', { params: { path: { id } }, headers: as(keys.publisher) });
  const etag = current.response.headers.get('etag') ?? '';
  const amended = await client.PATCH('/v1/publications/{id}', {
    params: { path: { id }, header: { 'If-Match': etag } },
    headers: as(keys.publisher),
    body: { level: 3, changeNote: 'Raised to Level 3: new eruption.', major: true },
  });
  if (amended.response.status !== 200) throw new Error(`amend: ${amended.response.status} ${JSON.stringify(amended.error)}`);
  await step('approve', keys.approver);
  await step('publish', keys.publisher);
  const versions = await client.GET('/v1/publications/{id}/versions', { params: { path: { id } } });
  const icelandAfter = await client.GET('/v1/countries/{cc}', { params: { path: { cc: 'IS' } } });

  return {
    health: health.data?.status ?? 'unknown',
    countries: countries.data?.items.length ?? 0,
    kenyaLevel: kenya.data?.level ?? null,
    publicAlerts: publicAlerts.data?.items.length ?? 0,
    memberAlerts: memberAlerts.data?.items.length ?? 0,
    publishedId: id,
    icelandLevelAfterPublish: iceland.data?.level ?? null,
    versionsAfterAmendment: versions.data?.items.length ?? 0,
    icelandLevelAfterAmendment: icelandAfter.data?.level ?? null,
  };
}
