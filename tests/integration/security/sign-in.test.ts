import { beforeAll, describe, expect, it } from 'vitest';
import { addPerson, makeHarness, type Harness } from '../../support/harness';
import { browse, formsIn, linksIn, pathOf } from '../../support/pages';
import { uniqueAddress } from '../../support/unique';

/**
 * Finding 2: sign-in requests are limited per address (every spelling of
 * one mailbox counted once) and per client, and a limited request is
 * answered like any other.
 * Finding 7: a sign-in link signs in only through its page's POST, which
 * names the account, cannot be sent from another site, and does not
 * silently replace another person's session (login CSRF).
 */
let h: Harness;
let member: Awaited<ReturnType<typeof addPerson>>;
let other: Awaited<ReturnType<typeof addPerson>>;
let clients = 0;
/** A client address of its own for each request, so only the limit under test applies. */
const freshClient = () => `198.51.100.${++clients}`;

beforeAll(async () => {
  h = await makeHarness();
  member = await addPerson(h, 'member');
  other = await addPerson(h, 'member');
});

const emailOf = async (personId: string) => (await h.deps.directory.getPerson(personId))!.email;
const signInMails = (to: string) => h.deps.outbox!.list().filter((m) => m.to === to && m.subject === 'Your Outpost sign-in link');
const main = (html: string) => /<main[\s\S]*<\/main>/.exec(html)![0];

/** Asks for a sign-in link as a browser would; the answer's main content, status and headers. */
async function ask(email: string, client = freshClient()) {
  const res = await browse(h, 'POST', '/sign-in', { form: { email }, client });
  return { status: res.status, main: main(res.text), headers: [...res.headers].filter(([name]) => name !== 'date' && name !== 'x-correlation-id').sort() };
}

async function linkFor(personId: string): Promise<string> {
  const email = await emailOf(personId);
  const before = signInMails(email).length;
  await ask(email);
  const mails = signInMails(email);
  expect(mails.length).toBe(before + 1);
  return pathOf(linksIn(mails[0]!.text).find((l) => l.includes('/sign-in/callback'))!);
}

/** Signs in through the link's page; the session cookie. */
async function signIn(personId: string, cookie?: string): Promise<string> {
  const page = await browse(h, 'GET', await linkFor(personId), { ...(cookie ? { cookie } : {}) });
  const form = formsIn(page.text).find((f) => f.action === '/sign-in/callback')!;
  const done = await browse(h, 'POST', form.action, { form: form.fields, ...(cookie ? { cookie } : {}) });
  expect(done.status).toBe(303);
  return done.headers.get('set-cookie')!.split(';')[0]!;
}

describe('sign-in request limits', () => {
  it('sends at most 5 links an hour to one mailbox, however its address is spelled, and answers the rest the same way', async () => {
    const person = await addPerson(h, 'member');
    const email = await emailOf(person.personId);
    const [local, domain] = email.split('@') as [string, string];
    const first = await ask(email);
    const spellings = [`${local}+a@${domain}`, `${local.toUpperCase()}@${domain.toUpperCase()}`, `${local}+b@${domain}`, `${local}+alerts.c@${domain}`];
    for (const spelling of spellings) expect(await ask(spelling)).toEqual(first);
    // Five requests for this mailbox this hour: the sixth sends nothing, and looks like the first.
    const limited = await ask(email);
    expect(limited).toEqual(first);
    expect(signInMails(email)).toHaveLength(1 + 1); // the first, and the upper-case spelling of the real address
  });

  it('sends at most 20 links an hour for one client, whatever the addresses, and answers the rest the same way', async () => {
    const person = await addPerson(h, 'member');
    const email = await emailOf(person.personId);
    const client = freshClient();
    const first = await ask(uniqueAddress('nobody'), client);
    for (let i = 1; i < 20; i++) await ask(uniqueAddress('nobody'), client);
    expect(await ask(email, client)).toEqual(first);
    expect(signInMails(email)).toHaveLength(0);
    // Another client is not held back by that one.
    await ask(email);
    expect(signInMails(email)).toHaveLength(1);
  });
});

describe('sign-in links (login CSRF)', () => {
  it('signs in only with the page’s POST: GET and HEAD use nothing and set no cookie, and the page names the account', async () => {
    const link = await linkFor(member.personId);
    for (const method of ['GET', 'HEAD']) {
      const res = await browse(h, method, link);
      expect(res.status).toBe(200);
      expect(res.headers.get('set-cookie')).toBeNull();
    }
    const page = await browse(h, 'GET', link);
    expect(page.text).toContain(await emailOf(member.personId));
    const form = formsIn(page.text).find((f) => f.action === '/sign-in/callback')!;
    expect(form.method).toBe('post');
    const done = await browse(h, 'POST', form.action, { form: form.fields });
    expect(done.status).toBe(303);
    expect(done.headers.get('set-cookie')).toMatch(/^outpost_session=/);
    // Used once.
    expect((await browse(h, 'POST', form.action, { form: form.fields })).status).toBe(400);
  });

  it('refuses the sign-in POST from another site, so a page elsewhere cannot sign a browser in to its author’s account', async () => {
    const page = await browse(h, 'GET', await linkFor(other.personId));
    const form = formsIn(page.text).find((f) => f.action === '/sign-in/callback')!;
    const forged = await browse(h, 'POST', form.action, { form: form.fields, headers: { origin: 'https://attacker.example', 'sec-fetch-site': 'cross-site' } });
    expect(forged.status).toBe(403);
    expect(forged.headers.get('set-cookie')).toBeNull();
  });

  it('names a signed-in person before their session is replaced, and replaces it only with that session’s own form', async () => {
    const cookie = await signIn(member.personId);
    const link = await linkFor(other.personId);
    const page = await browse(h, 'GET', link, { cookie });
    const memberName = (await h.deps.directory.getPerson(member.personId))!.name;
    expect(page.text).toContain(`This browser is signed in as ${memberName}`);
    const form = formsIn(page.text).find((f) => f.action === '/sign-in/callback')!;
    // Without the session's CSRF token (a form made elsewhere, even same-site), nothing is replaced.
    const { _csrf: _dropped, ...withoutToken } = form.fields;
    expect((await browse(h, 'POST', form.action, { form: withoutToken, cookie })).status).toBe(403);
    expect((await browse(h, 'GET', '/portal', { cookie })).status).toBe(200);
    // The page's own form replaces it.
    const replaced = await browse(h, 'POST', form.action, { form: form.fields, cookie });
    expect(replaced.status).toBe(303);
    expect(replaced.headers.get('set-cookie')).toMatch(/^outpost_session=/);
  });
});
