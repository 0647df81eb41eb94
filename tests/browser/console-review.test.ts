import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { Subscription } from '../../shared/domain/subscription';
import { chooseCountry, expectNoSeriousViolations, go, signIn, text, useBrowserSuite, type ContextOptions } from './support';

/**
 * The publisher's and approver's console in Debian's Chromium, with the
 * demo seed: a second advisory for Mexico warns and leads to amending the
 * current one; the approver's review page shows the level and every
 * structured field with the amendment's change highlighted; preview refuses
 * what save refuses; publish names its audience and asks to confirm;
 * search and the Archived view find items; axe on every page it visits.
 */
const suite = useBrowserSuite();

const newContext = (options?: ContextOptions) => suite.newContext(options);

async function signedIn(email: string): Promise<Page> {
  const page = await (await newContext()).newPage();
  await signIn(page, email, suite.platform.baseUrl);
  return page;
}

describe('reviewing an amendment', () => {
  it('warns about a second Mexico advisory, leads to amending it, and shows the approver the level change and every field', async () => {
    const author = await signedIn(suite.platform.demo.users.publisher);
    await author.goto('/console/new?kind=travel-advisory');
    await author.getByLabel('Title').fill('Mexico Travel Advisory (new)');
    await chooseCountry(author, 'mx', 'Mexico');
    await author.getByLabel('Summary').fill('Reconsider travel to Mexico.');
    // With JavaScript the warning comes as soon as the country is chosen, before any preview.
    await author.locator('[data-warning="advisory-exists"]').waitFor();
    await author.getByLabel('Advisory level').selectOption('3');
    await go(author, author.getByRole('button', { name: 'Preview' }));
    expect(await text(author.locator('[data-warning="advisory-exists"]'))).toMatch(/^Warning: Mexico has a Level 2 advisory published on .* amend it instead\?/);
    await expectNoSeriousViolations(author, 'compose preview with warnings');
    await go(author, author.getByRole('link', { name: 'Amend the current Mexico advisory' }));

    await author.getByLabel('Advisory level').selectOption('4');
    await author.getByLabel('T – Terrorism').check();
    await author.getByLabel('Change note').fill('Raised to Level 4 after renewed violence.');
    await author.getByLabel('Major – alert subscribers again').check();
    await go(author, author.getByRole('button', { name: 'Save amendment' }));
    await go(author, author.getByRole('button', { name: 'Submit for approval' }));
    const reviewPath = new URL(author.url()).pathname;

    const approver = await signedIn(suite.platform.demo.users.approver);
    const mail = (await (await fetch(`${suite.platform.baseUrl}/v1/dev/outbox`)).json()) as { to: string; subject?: string; text: string }[];
    expect(mail.find((m) => m.to === suite.platform.demo.users.approver && m.subject?.startsWith('Review needed'))?.text).toContain(reviewPath);
    await approver.goto(reviewPath);
    const article = approver.locator('.preview-frame');
    expect(await text(article.locator('.level'))).toBe('Level 4: Do Not Travel');
    expect(await text(article.locator('.tlp'))).toContain('TLP:CLEAR');
    expect(await article.locator('.badges').first().innerText()).toContain('Terrorism');
    expect(await article.locator('.meta').first().innerText()).toContain('Mexico');
    const levelRow = approver.locator('tr[data-field="level"]');
    expect(await text(levelRow.locator('del'))).toBe('Level 2: Exercise Increased Caution');
    expect(await text(levelRow.locator('ins'))).toBe('Level 4: Do Not Travel');
    expect(await text(approver.locator('tr[data-field="indicators"] ins'))).toContain('Terrorism');
    // The unchanged summary still says "increased caution": the level mismatch is pointed out.
    expect(await text(approver.locator('[data-warning="level-mismatch"]'))).toContain('but the advisory level is 4');
    await expectNoSeriousViolations(approver, 'review page of an amendment');

    await go(approver, approver.getByRole('button', { name: 'Approve' }));
    await author.goto(reviewPath);
    await go(author, author.getByRole('button', { name: 'Publish', exact: true }));
    expect(await text(author.getByRole('heading', { level: 1 }))).toBe('Publish “Mexico Travel Advisory”?');
    expect(await text(author.locator('[data-audience]'))).toMatch(/^(It sends to [\d,]+ subscribers? by .+\.|No subscriber matches it now.*)$/);
    await expectNoSeriousViolations(author, 'publish confirmation');
    await go(author, author.getByRole('button', { name: 'Yes, publish now' }));
    expect(await text(author.getByRole('status'))).toContain('Published');
  }, 150_000);
});

describe('preview validates as save does', () => {
  it('refuses the same input at preview and at save, in plain words, with the focus on the error summary', async () => {
    const author = await signedIn(suite.platform.demo.users.publisher);
    const messages: string[][] = [];
    for (const button of ['Preview', 'Save draft']) {
      await author.goto('/console/new?kind=security-alert');
      await author.getByLabel('Title').fill('Road closures');
      // Text that names no country, left in the picker's box, is posted as typed.
      await author.getByRole('combobox', { name: 'Add a country' }).fill('Atlantis');
      await author.getByLabel('Summary').fill('Roads are closed.');
      await author.getByLabel('Actions to take').fill('Avoid the area');
      await author.getByLabel('Event starts (UTC)').fill('2026-06-02T10:00');
      await author.getByLabel('Event ends (UTC)').fill('2026-06-01T10:00');
      await go(author, author.getByRole('button', { name: button }));
      expect(await author.title()).toMatch(/^Error: /);
      expect(await author.evaluate(() => document.activeElement?.id)).toBe('error-summary');
      const listed = await author.locator('#error-summary li').allInnerTexts();
      expect(listed).toContain("Countries: Country 'Atlantis' — choose it from the list");
      expect(listed).toContain('Event ends (UTC): the event ends before it starts');
      expect(await author.locator('#preview-title').count()).toBe(0);
      messages.push(listed);
    }
    expect(messages[0]).toEqual(messages[1]);
    await expectNoSeriousViolations(author, 'compose form with errors');
  }, 40_000);
});

describe('finding things in the console', () => {
  it('finds a draft by a word of its text, and an archived alert in the Archived view, which unarchives it', async () => {
    const sub: Subscription = {
      id: suite.platform.deps.ids.next(),
      status: 'active',
      channel: 'email',
      address: `find-${suite.platform.deps.ids.next().toLowerCase()}@example.org`,
      createdAt: suite.platform.deps.clock.now(),
      filters: { countries: ['IS'], regions: [], kinds: [] },
    } as Subscription;
    await suite.platform.deps.subscriptions.create(sub, []);
    const author = await signedIn(suite.platform.demo.users.publisher);
    const word = `glacier${Date.now().toString(36)}`;
    await author.goto('/console/new?kind=security-alert');
    await author.getByLabel('Title').fill('Glacier tours suspended');
    await chooseCountry(author, 'iceland', 'Iceland');
    await author.getByLabel('Summary').fill('Tours on the glacier are suspended.');
    await author.getByLabel('Body').fill(`Operators cite ${word} conditions.`);
    await author.getByLabel('Actions to take').fill('Book another tour');
    await go(author, author.getByRole('button', { name: 'Save draft' }));
    const itemPath = new URL(author.url()).pathname;

    await author.goto('/console');
    await author.getByLabel('Find by words').fill(word);
    await go(author, author.getByRole('button', { name: 'Find' }));
    expect(await author.getByRole('link', { name: 'Glacier tours suspended' }).getAttribute('href')).toBe(itemPath);
    await expectNoSeriousViolations(author, 'console search results');

    await author.goto(itemPath);
    await go(author, author.getByRole('button', { name: 'Publish', exact: true }));
    expect(await text(author.locator('[data-audience]'))).toBe('It sends to 1 subscriber by email.');
    await go(author, author.getByRole('button', { name: 'Yes, publish now' }));
    await go(author, author.getByRole('button', { name: 'Archive' }));
    await expectNoSeriousViolations(author, 'archive confirmation');
    await go(author, author.getByRole('button', { name: 'Yes, archive it' }));

    await author.goto('/console');
    await go(author, author.getByRole('link', { name: 'Archived', exact: true }));
    await author.getByRole('link', { name: 'Glacier tours suspended' }).waitFor();
    await expectNoSeriousViolations(author, 'archived view');
    await go(author, author.getByRole('button', { name: 'Unarchive Glacier tours suspended' }));
    expect(await text(author.getByRole('status'))).toContain('Unarchived');
  }, 120_000);
});
