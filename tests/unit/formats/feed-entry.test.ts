import { describe, expect, it } from 'vitest';
import { buildFeedEntry, entryTitle } from '../../../shared/formats/feed-entry';
import { expectAllowlisted } from './html-allowlist';
import { advisoryInput, alertInput, BASE_URL, everyKindInput, HOSTILE, versionOf } from './fixtures';

describe('buildFeedEntry', () => {
  it('titles a travel advisory by country and level, with an en dash', () => {
    const entry = buildFeedEntry(versionOf(advisoryInput()), { baseUrl: BASE_URL });
    expect(entry.title).toBe('Kenya \u2013 Level 2: Exercise Increased Caution');
    expect(entryTitle(versionOf(advisoryInput({ countries: ['MX'], level: 4 })).content)).toBe('Mexico – Level 4: Do Not Travel');
  });

  it('keeps the publisher title for every other kind', () => {
    const v = versionOf(alertInput());
    expect(buildFeedEntry(v, { baseUrl: BASE_URL }).title).toBe('Demonstration near the embassy');
  });

  it('uses a host-independent URN as id and links to the publication page', () => {
    const v = versionOf(advisoryInput(), { id: '01JABCDEFGHJKMNPQRSTVWXYZ0' });
    const entry = buildFeedEntry(v, { baseUrl: `${BASE_URL}/` });
    expect(entry.id).toBe('urn:outpost:publication:01JABCDEFGHJKMNPQRSTVWXYZ0');
    expect(entry.link).toBe('https://outpost.example/publications/01JABCDEFGHJKMNPQRSTVWXYZ0');
    expect(entry.capUrl).toBe('https://outpost.example/cap/01JABCDEFGHJKMNPQRSTVWXYZ0.xml');
    expect(buildFeedEntry(v, { baseUrl: 'http://127.0.0.1:3000' }).id).toBe(entry.id);
  });

  it('keeps the id across versions so an amendment updates the entry readers have', () => {
    const v1 = versionOf(advisoryInput(), { id: '01JABCDEFGHJKMNPQRSTVWXYZ1' });
    const v2 = versionOf(advisoryInput({ level: 3 }), { id: v1.id, version: 2, changeNote: 'Raised to level 3.', publishedAt: '2026-04-01T00:00:00Z' });
    expect(buildFeedEntry(v2, { baseUrl: BASE_URL }).id).toBe(buildFeedEntry(v1, { baseUrl: BASE_URL }).id);
  });

  it('dates an entry by its first publication and this version', () => {
    const v = versionOf(advisoryInput(), { version: 3, publishedAt: '2026-05-01T12:00:00+02:00', changeNote: 'x' });
    const entry = buildFeedEntry(v, { baseUrl: BASE_URL, firstPublishedAt: '2025-01-01T00:00:00Z' });
    expect(entry.published).toBe('2025-01-01T00:00:00.000Z');
    expect(entry.updated).toBe('2026-05-01T10:00:00.000Z');
    expect(buildFeedEntry(versionOf(advisoryInput()), { baseUrl: BASE_URL }).published).toBe('2026-03-01T09:30:00.250Z');
  });

  it('carries kind, countries, regions, level, risk indicators, urgency and severity as structured categories', () => {
    const entry = buildFeedEntry(versionOf(advisoryInput()), { baseUrl: BASE_URL });
    expect(entry.categories).toEqual([
      { scheme: 'https://outpost.example/schemes/kind', term: 'travel-advisory', label: 'Travel Advisory' },
      { scheme: 'https://outpost.example/schemes/country', term: 'KE', label: 'Kenya' },
      { scheme: 'https://outpost.example/schemes/region', term: 'AF', label: 'Africa' },
      { scheme: 'https://outpost.example/schemes/level', term: '2', label: 'Level 2: Exercise Increased Caution' },
      { scheme: 'https://outpost.example/schemes/risk-indicator', term: 'C', label: 'Crime' },
      { scheme: 'https://outpost.example/schemes/risk-indicator', term: 'T', label: 'Terrorism' },
      { scheme: 'https://outpost.example/schemes/risk-indicator', term: 'K', label: 'Kidnapping or Hostage Taking' },
      { scheme: 'https://outpost.example/schemes/urgency', term: 'Future', label: 'Urgency: Future' },
      { scheme: 'https://outpost.example/schemes/severity', term: 'Moderate', label: 'Severity: Moderate' },
    ]);
    expect(entry.data).toEqual({
      publicationId: entry.data.publicationId,
      kind: 'travel-advisory',
      version: 1,
      major: true,
      sharing: 'TLP:CLEAR',
      countries: ['KE'],
      regions: ['AF'],
      level: 2,
      indicators: ['C', 'T', 'K'],
      urgency: 'Future',
      severity: 'Moderate',
    });
  });

  it("carries the publisher's urgency and severity instead of the defaults where set", () => {
    const entry = buildFeedEntry(versionOf(advisoryInput({ level: 1, urgency: 'Expected', severity: 'Severe' })), { baseUrl: BASE_URL });
    expect([entry.data.urgency, entry.data.severity]).toEqual(['Expected', 'Severe']);
    expect(entry.categories.filter((c) => /urgency|severity/.test(c.scheme)).map((c) => c.term)).toEqual(['Expected', 'Severe']);
  });

  it('gives every country and region of a multi-country item its own category', () => {
    const v = versionOf(alertInput({ countries: ['KE', 'FR', 'JP'] }));
    const entry = buildFeedEntry(v, { baseUrl: BASE_URL });
    const terms = (scheme: string) => entry.categories.filter((c) => c.scheme.endsWith(`/schemes/${scheme}`)).map((c) => c.term);
    expect(terms('country')).toEqual(['KE', 'FR', 'JP']);
    expect(terms('region')).toEqual(['AF', 'EAP', 'EUR']);
    expect(terms('level')).toEqual([]);
  });

  it('has a change note only for amendments, and shows it first in the content', () => {
    const first = buildFeedEntry(versionOf(advisoryInput(), { changeNote: 'First published.' }), { baseUrl: BASE_URL });
    expect(first.changeNote).toBeUndefined();
    expect(first.data.changeNote).toBeUndefined();
    expect(first.contentHtml).not.toContain('Latest update');

    const amended = buildFeedEntry(versionOf(advisoryInput(), { version: 2, changeNote: 'Added <kidnapping> & detention.' }), { baseUrl: BASE_URL });
    expect(amended.changeNote).toBe('Added <kidnapping> & detention.');
    expect(amended.data.changeNote).toBe('Added <kidnapping> & detention.');
    expect(amended.contentHtml.startsWith('<p><strong>Latest update:</strong> Added &lt;kidnapping&gt; &amp; detention.</p>')).toBe(true);
  });

  it('includes a security alert’s window, places, actions and assistance contacts', () => {
    const html = buildFeedEntry(versionOf(alertInput()), { baseUrl: BASE_URL }).contentHtml;
    expect(html).toContain('<strong>When:</strong> From Mar 2, 2026');
    expect(html).toContain('<strong>Where:</strong> Mexico City; Paseo de la Reforma');
    expect(html).toContain('<h2>Actions to take</h2>\n<ul><li>Avoid the area.</li><li>Monitor local media.</li></ul>');
    expect(html).toContain('<a href="mailto:acs@example.gov" rel="noopener noreferrer nofollow">acs@example.gov</a>');
    expectAllowlisted(html);
  });

  it('includes report sections as headed parts after the body', () => {
    const report = everyKindInput().find((i) => i.kind === 'country-report');
    const html = buildFeedEntry(versionOf(report ?? {}), { baseUrl: BASE_URL }).contentHtml;
    expect(html).toContain('<h2>Crime</h2>\n<p>Street crime is <strong>common</strong>.</p>');
    expect(html.indexOf('<h2>Terrorism</h2>')).toBeGreaterThan(html.indexOf('<h2>Crime</h2>'));
  });

  it('renders every kind to allowlisted HTML that includes its body', () => {
    for (const input of everyKindInput()) {
      const entry = buildFeedEntry(versionOf(input), { baseUrl: BASE_URL });
      expect(entry.contentHtml, String(input.kind)).toContain('Violent crime <strong>occurs</strong>.');
      expect(entry.capUrl !== undefined, String(input.kind)).toBe(input.kind === 'security-alert' || input.kind === 'travel-advisory');
      expectAllowlisted(entry.contentHtml);
    }
  });

  it('escapes and sanitizes hostile titles, bodies, actions and contacts', () => {
    const v = versionOf(alertInput({ ...HOSTILE, actions: ['<script>x()</script>'], assistance: [{ name: '<b>n</b>', url: 'https://ok.example/?a=1&b=<2>' }] }));
    const entry = buildFeedEntry(v, { baseUrl: BASE_URL });
    expect(entry.title).toBe(HOSTILE.title);
    expect(entry.contentHtml).toContain('&lt;script&gt;x()&lt;/script&gt;');
    expect(entry.contentHtml).toContain('&lt;b&gt;n&lt;/b&gt;');
    expectAllowlisted(entry.contentHtml);
  });
});
