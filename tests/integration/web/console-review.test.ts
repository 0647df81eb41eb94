import { beforeAll, describe, expect, it } from 'vitest';
import type { Subscription } from '../../../shared/domain/subscription';
import { addPerson, advisoryInput, alertInput, call, makeHarness, type Harness } from '../../support/harness';
import { browse, followSignInLink, formsIn, linksIn, pathOf } from '../../support/pages';

/**
 * The console's review, notification, confirmation and finding flows
 * through `app.request`, posting forms as a browser without JavaScript
 * would: the review page renders every structured field with the public
 * template and the amendment's changes; preview refuses what save refuses
 * in plain words; workflow steps email the people they wait on; publish
 * and archive ask first; archived items come back; search, filters and
 * pages find anything.
 */
let h: Harness;
let author: Awaited<ReturnType<typeof addPerson>>;
let reviewer: Awaited<ReturnType<typeof addPerson>>;
let member: Awaited<ReturnType<typeof addPerson>>;
const cookies = new Map<string, string>();

async function emailOf(personId: string): Promise<string> {
  return (await h.deps.directory.getPerson(personId))!.email;
}

/** A session cookie for a person, signed in through the form and the emailed link. */
async function session(personId: string): Promise<string> {
  const known = cookies.get(personId);
  if (known) return known;
  const email = await emailOf(personId);
  await browse(h, 'POST', '/sign-in', { form: { email }, client: `192.0.2.${cookies.size + 10}` });
  const message = h.deps.outbox!.list().find((m) => m.to === email && m.subject === 'Your Outpost sign-in link')!;
  const link = linksIn(message.text).find((l) => l.includes('/sign-in/callback'))!;
  const res = await followSignInLink(h, pathOf(link));
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0]!;
  cookies.set(personId, cookie);
  return cookie;
}

async function page(personId: string, path: string) {
  return browse(h, 'GET', path, { cookie: await session(personId) });
}

/** Posts the form on `html` whose action is `action`, with its hidden fields and `extra`. */
async function post(personId: string, html: string, action: string, extra: Record<string, string> = {}) {
  const form = formsIn(html).find((f) => f.action === action);
  if (!form) throw new Error(`no form posting to ${action}`);
  return browse(h, 'POST', action, { cookie: await session(personId), form: { ...form.fields, ...extra } });
}

async function csrf(personId: string): Promise<string> {
  const form = await page(personId, '/console/new?kind=security-alert');
  return /name="_csrf" value="([^"]+)"/.exec(form.text)![1]!;
}

async function publishedAdvisory(country: string, level: 1 | 2 | 3 | 4, extra: Record<string, unknown> = {}): Promise<string> {
  const created = await call(h, 'POST', '/v1/publications', { key: author.key, body: advisoryInput(country, level, extra) });
  const id = created.json.id as string;
  expect((await call(h, 'POST', `/v1/publications/${id}/approve`, { key: reviewer.key })).status).toBe(200);
  expect((await call(h, 'POST', `/v1/publications/${id}/publish`, { key: author.key })).status).toBe(200);
  return id;
}

async function etag(id: string): Promise<string> {
  return (await call(h, 'GET', `/v1/publications/${id}`, { key: author.key })).headers.get('etag')!;
}

const mailTo = async (personId: string) => {
  const address = await emailOf(personId);
  return h.deps.outbox!.list().filter((m) => m.to === address);
};

beforeAll(async () => {
  h = await makeHarness();
  author = await addPerson(h, 'publisher');
  reviewer = await addPerson(h, 'publisher', author.org);
  member = await addPerson(h, 'member');
});

describe('reviewing what will be published', () => {
  it('shows the amended level, indicators and sharing with the public template, and the level change against the published version', async () => {
    const id = await publishedAdvisory('PE', 3, { indicators: ['C', 'U'] });
    const amended = await call(h, 'PATCH', `/v1/publications/${id}`, {
      key: author.key,
      headers: { 'if-match': await etag(id) },
      body: { level: 4, indicators: ['C', 'U', 'K'], summary: 'Do not travel to Peru.', changeNote: 'Raised to Level 4.', major: true },
    });
    expect(amended.status, amended.text).toBe(200);
    expect((await call(h, 'POST', `/v1/publications/${id}/submit`, { key: author.key })).status).toBe(200);

    const review = await page(reviewer.personId, `/console/publications/${id}`);
    expect(review.status).toBe(200);
    expect(review.text).toContain('Level 4: Do Not Travel');
    expect(review.text).toContain('Kidnapping');
    expect(review.text).toContain('<strong>TLP:CLEAR</strong>');
    expect(review.text).toContain('Peru');
    const levelRow = /<tr data-field="level">([\s\S]*?)<\/tr>/.exec(review.text)?.[1] ?? '';
    expect(levelRow).toContain('<del>Level 3: Reconsider Travel</del>');
    expect(levelRow).toContain('<ins>Level 4: Do Not Travel</ins>');
    expect(/<tr data-field="indicators">([\s\S]*?)<\/tr>/.exec(review.text)?.[1]).toContain('K – Kidnapping');
  });

  it('shows a security alert’s places, event times, actions and assistance contacts on the review page', async () => {
    const created = await call(h, 'POST', '/v1/publications', {
      key: author.key,
      body: alertInput(['KE'], 'TLP:GREEN', {
        places: ['Uhuru Park'],
        eventStart: '2026-07-01T08:00:00Z',
        eventEnd: '2026-07-01T18:00:00Z',
        actions: ['Avoid the park'],
        assistance: [{ name: 'Embassy Nairobi', phone: '+254 20 363 6000' }],
      }),
    });
    const review = await page(reviewer.personId, `/console/publications/${created.json.id as string}`);
    for (const expected of ['Uhuru Park', 'Avoid the park', 'Embassy Nairobi', '+254 20 363 6000', '<strong>TLP:GREEN</strong>', '2026']) expect(review.text).toContain(expected);
  });
});

describe('preview validates as save does', () => {
  it('previews an amendment with what it changes against the published version, and saves nothing', async () => {
    const id = await publishedAdvisory('BR', 1);
    const edit = await page(author.personId, `/console/publications/${id}/edit`);
    const form = formsIn(edit.text).find((f) => f.action === `/console/publications/${id}/edit`)!;
    const values = { ...form.fields, title: 'BR Travel Advisory', countries: 'BR', summary: 'Level 2 advisory for BR.', body: 'Be careful.', sharing: 'TLP:CLEAR', level: '2', indicators: 'C', changeNote: 'Raised.', major: 'true' };
    const preview = await browse(h, 'POST', form.action, { cookie: await session(author.personId), form: { ...values, intent: 'preview' } });
    expect(preview.status).toBe(200);
    expect(/<tr data-field="level">([\s\S]*?)<\/tr>/.exec(preview.text)?.[1]).toContain('<ins>Level 2: Exercise Increased Caution</ins>');
    expect((await call(h, 'GET', `/v1/publications/${id}`, { key: author.key })).json.workflow).toBeUndefined();
  });

  it('refuses the same input at preview and at save, naming the field and the value in plain words', async () => {
    const token = await csrf(author.personId);
    const fields = {
      _csrf: token,
      kind: 'security-alert',
      title: 'Road closures',
      countries: 'Atlantis',
      summary: 'Roads closed.',
      body: '',
      sharing: 'TLP:CLEAR',
      actions: 'Avoid the area',
      eventStart: '2026-06-02T10:00',
      eventEnd: '2026-06-01T10:00',
    };
    const preview = await browse(h, 'POST', '/console/new', { cookie: await session(author.personId), form: { ...fields, intent: 'preview' } });
    const save = await browse(h, 'POST', '/console/new', { cookie: await session(author.personId), form: { ...fields, intent: 'save' } });
    for (const res of [preview, save]) {
      expect(res.status).toBe(422);
      expect(res.text).toMatch(/<title>Error: /);
      expect(res.text).toContain('Country &#39;Atlantis&#39; — choose it from the list');
      expect(res.text).toContain('the event ends before it starts');
      expect(res.text).not.toContain('Too small');
      expect(res.text).not.toContain('id="preview-title"');
    }
    const errors = (html: string) => [...html.matchAll(/<li><a href="#f-[^"]+">([^<]*)<\/a><\/li>/g)].map((m) => m[1]);
    expect(errors(preview.text)).toEqual(errors(save.text));
  });
});

describe('workflow notifications and returning to the author', () => {
  it('emails the other publishers on submit, the author on return (with the comment) and on approval', async () => {
    const created = await call(h, 'POST', '/v1/publications', { key: author.key, body: advisoryInput('CL', 2) });
    const id = created.json.id as string;
    expect((await call(h, 'POST', `/v1/publications/${id}/submit`, { key: author.key })).status).toBe(200);
    const asked = (await mailTo(reviewer.personId)).find((m) => m.subject === 'Review needed: CL Travel Advisory');
    expect(asked?.text).toContain(`/console/publications/${id}`);
    expect((await mailTo(author.personId)).some((m) => m.subject?.startsWith('Review needed'))).toBe(false);

    expect((await call(h, 'POST', `/v1/publications/${id}/return`, { key: author.key, body: { comment: 'Mine' } })).status).toBe(409);
    const returned = await call(h, 'POST', `/v1/publications/${id}/return`, { key: reviewer.key, body: { comment: 'Name the affected regions.' } });
    expect(returned.status, returned.text).toBe(200);
    expect(returned.json.status).toBe('draft');
    expect(returned.json.workflow.returned).toMatchObject({ by: reviewer.personId, comment: 'Name the affected regions.' });
    const back = (await mailTo(author.personId)).find((m) => m.subject === 'Returned to you: CL Travel Advisory');
    expect(back?.text).toContain('Name the affected regions.');
    const audit = await h.deps.auditLog.listForOrganization(author.orgId, 50);
    expect(audit.items.some((e) => e.action === 'publication.returned' && e.target.id === id)).toBe(true);
    expect((await page(author.personId, `/console/publications/${id}`)).text).toContain('Name the affected regions.');

    expect((await call(h, 'POST', `/v1/publications/${id}/approve`, { key: reviewer.key })).status).toBe(200);
    expect((await mailTo(author.personId)).some((m) => m.subject === 'Approved: CL Travel Advisory')).toBe(true);
  });

  it('returns a submitted item from the review page with a comment', async () => {
    const created = await call(h, 'POST', '/v1/publications', { key: author.key, body: advisoryInput('UY', 1) });
    const id = created.json.id as string;
    await call(h, 'POST', `/v1/publications/${id}/submit`, { key: author.key });
    const review = await page(reviewer.personId, `/console/publications/${id}`);
    const res = await post(reviewer.personId, review.text, `/console/publications/${id}/return`, { comment: 'Check the level.' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toContain('done=returned');
  });
});

describe('confirming the irreversible', () => {
  it('asks before publishing, naming how many subscribers it sends to and by which channels', async () => {
    for (const channel of ['email', 'webhook'] as const) {
      const sub: Subscription = {
        id: h.deps.ids.next(),
        status: 'active',
        channel,
        ...(channel === 'email' ? { address: `confirm-${h.deps.ids.next().toLowerCase()}@example.org` } : { url: 'https://hooks.example.org/outpost', secret: 'whsec_test_secret_0123456789abcdef', orgId: member.orgId }),
        createdAt: h.deps.clock.now(),
        filters: { countries: ['BO'], regions: [], kinds: [] },
      } as Subscription;
      await h.deps.subscriptions.create(sub, []);
    }
    const created = await call(h, 'POST', '/v1/publications', { key: author.key, body: alertInput(['BO'], 'TLP:CLEAR') });
    const id = created.json.id as string;
    const item = await page(author.personId, `/console/publications/${id}`);
    const asked = await post(author.personId, item.text, `/console/publications/${id}/publish`);
    expect(asked.status).toBe(200);
    expect(asked.text).toContain('It sends to 2 subscribers by email and webhook');
    expect((await call(h, 'GET', `/v1/publications/${id}`, { key: author.key })).json.status).toBe('draft');
    const done = await post(author.personId, asked.text, `/console/publications/${id}/publish`);
    expect(done.status).toBe(303);
    expect(done.headers.get('location')).toContain('done=published');
  });

  it('asks before archiving, and an archived alert can be unarchived back into listings without a new version', async () => {
    const created = await call(h, 'POST', '/v1/publications', { key: author.key, body: alertInput(['PY'], 'TLP:CLEAR', { title: 'Paraguay flooding' }) });
    const id = created.json.id as string;
    await call(h, 'POST', `/v1/publications/${id}/publish`, { key: author.key });
    const item = await page(author.personId, `/console/publications/${id}`);
    const asked = await post(author.personId, item.text, `/console/publications/${id}/archive`);
    expect(asked.text).toContain('Yes, archive it');
    expect((await post(author.personId, asked.text, `/console/publications/${id}/archive`)).headers.get('location')).toContain('done=archived');
    expect((await call(h, 'GET', '/v1/publications?country=PY')).json.items).toHaveLength(0);

    const archivedView = await page(author.personId, '/console/items?status=archived');
    expect(archivedView.text).toContain('Paraguay flooding');
    const restored = await post(author.personId, archivedView.text, `/console/publications/${id}/unarchive`);
    expect(restored.headers.get('location')).toContain('done=unarchived');
    const listed = (await call(h, 'GET', '/v1/publications?country=PY')).json.items as { id: string; version: number }[];
    expect(listed.map((v) => [v.id, v.version])).toEqual([[id, 1]]);
  });

  it('restores an archived travel advisory only when a second publisher confirms, and puts it back on the map', async () => {
    const id = await publishedAdvisory('EC', 2);
    await call(h, 'POST', `/v1/publications/${id}/archive`, { key: author.key });
    expect((await call(h, 'POST', `/v1/publications/${id}/archive`, { key: reviewer.key })).json.status).toBe('archived');
    const asked = await call(h, 'POST', `/v1/publications/${id}/unarchive`, { key: author.key });
    expect(asked.json).toMatchObject({ status: 'archived', restoreRequest: { requestedBy: author.personId } });
    expect((await call(h, 'POST', `/v1/publications/${id}/unarchive`, { key: author.key })).status).toBe(409);
    expect((await call(h, 'POST', `/v1/publications/${id}/unarchive`, { key: reviewer.key })).json.status).toBe('published');
    expect((await call(h, 'GET', '/v1/countries/EC')).json.level).toBe(2);
  });
});

describe('no silent replacement', () => {
  it('warns when composing an advisory for a country that has one, linking to amend it, and when the summary names another level', async () => {
    const current = await publishedAdvisory('AR', 2);
    const token = await csrf(author.personId);
    const preview = await browse(h, 'POST', '/console/new', {
      cookie: await session(author.personId),
      form: { _csrf: token, kind: 'travel-advisory', title: 'Argentina', countries: 'AR', summary: 'Level 3: reconsider travel.', body: '', sharing: 'TLP:CLEAR', level: '2', intent: 'preview' },
    });
    expect(preview.status).toBe(200);
    expect(preview.text).toContain('Argentina has a Level 2 advisory published on');
    expect(preview.text).toContain(`href="/console/publications/${current}/edit"`);
    expect(preview.text).toContain('The summary says Level 3 (Reconsider Travel), but the advisory level is 2.');
  });

  it('keeps a country’s advisory history in one place: superseded advisories in the console’s archived view for the country', async () => {
    const first = await publishedAdvisory('VE', 3);
    const second = await publishedAdvisory('VE', 4);
    const history = await page(author.personId, '/console/items?kind=travel-advisory&country=VE&status=archived');
    expect(history.text).toContain(`/console/publications/${first}`);
    expect(history.text).toContain('Replaced by a newer advisory');
    const current = await page(author.personId, '/console/items?kind=travel-advisory&country=VE');
    expect(current.text).toContain(`/console/publications/${second}`);
  });
});

describe('finding anything in the console', () => {
  it('finds a draft by words in its text, filters by kind and author, and pages beyond 20 items with a cursor', async () => {
    const marker = `zephyrine${Date.now().toString(36)}`;
    const ids: string[] = [];
    for (let i = 0; i < 23; i += 1) {
      const res = await call(h, 'POST', '/v1/publications', { key: i % 2 ? author.key : reviewer.key, body: alertInput(['GY'], 'TLP:CLEAR', { title: `Gauge ${i}`, body: `Reading ${marker} ${i}` }) });
      ids.push(res.json.id as string);
    }
    const first = await page(author.personId, `/console/items?q=${marker}&kind=security-alert`);
    const found = (html: string) => [...html.matchAll(/href="\/console\/publications\/([0-9A-Z]{26})"/g)].map((m) => m[1]!);
    expect(found(first.text)).toHaveLength(20);
    const next = /href="(\/console\/items\?[^"]*cursor=[^"]+)"/.exec(first.text)?.[1]?.replace(/&amp;/g, '&');
    expect(next).toBeTruthy();
    const second = await page(author.personId, next!);
    expect(new Set([...found(first.text), ...found(second.text)])).toEqual(new Set(ids));

    const byAuthor = await page(author.personId, `/console/items?q=${marker}&author=${reviewer.personId}`);
    expect(found(byAuthor.text)).toHaveLength(12);
    const none = await page(author.personId, `/console/items?q=${marker}&kind=travel-advisory`);
    expect(found(none.text)).toHaveLength(0);
    expect((await page(author.personId, '/console/items?country=Narnia')).text).toMatch(/<title>Error: /);
  });
});
