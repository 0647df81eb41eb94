import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { renderAtom } from '../../../shared/formats/atom';
import { renderCap } from '../../../shared/formats/cap';
import { buildFeedEntry } from '../../../shared/formats/feed-entry';
import { renderJsonFeed, type JsonFeed } from '../../../shared/formats/json-feed';
import { renderRss } from '../../../shared/formats/rss';
import { advisoryInput, alertInput, BASE_URL, versionOf } from './fixtures';
import { expectAllowlisted } from './html-allowlist';
import { atomErrors, capErrors, wellFormednessErrors, xpathString } from './xml-validation';
import { assertProperty } from '../../support/property';

/**
 * Whatever a publisher types, every feed stays parseable and schema-valid,
 * and titles come back exactly (less the characters XML cannot carry).
 */

const META = {
  id: 'urn:outpost:feed:all',
  title: 'All',
  description: 'All publications',
  selfUrl: `${BASE_URL}/feeds/all.atom`,
  siteUrl: `${BASE_URL}/`,
  updated: '2026-03-01T00:00:00Z',
};

const NOT_XML_CHAR = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

const tricky = fc.constantFrom(
  '<script>alert(1)</script>', '<iframe src="x">', '<img src=x onerror=alert(1)>', '[x](javascript:alert(1))', '&', '&amp;', '&lt;', '&#39;', '&#x41;', '&foo;',
  ']]>', '<![CDATA[', '"', "'", '<', '>', '**', '\n\n- ', '# ', '\u0000', '\u0008', '\uD800', '\uFFFE', '\r\n', 'é', '😀', 'مرحبا', '\u202E',
);

/** Arbitrary text with the characters most likely to break XML, HTML or Markdown mixed in. */
const text = (maxLength: number) =>
  fc
    .array(fc.oneof(tricky, fc.string({ unit: 'binary', maxLength: 20 })), { maxLength: 12 })
    .map((parts) => parts.join('').slice(0, maxLength))
    .filter((s) => s.trim().length > 0);

const content = fc.record({ title: text(200), summary: text(2000), body: fc.oneof(text(5000), fc.constant('')) });

describe('arbitrary publisher text', () => {
  it('always yields schema-valid Atom whose title reads back exactly', async () => {
    await assertProperty(
      fc.asyncProperty(content, fc.boolean(), async (fields, advisory) => {
        const input = advisory ? advisoryInput({ summary: fields.summary, body: fields.body }) : alertInput(fields);
        const entry = buildFeedEntry(versionOf(input, { version: 2, changeNote: fields.title }), { baseUrl: BASE_URL });
        expectAllowlisted(entry.contentHtml);
        const xml = renderAtom({ ...META, title: fields.title }, [entry]);
        expect(await atomErrors(xml)).toEqual([]);
        const title = await xpathString(xml, 'string(/*[local-name()="feed"]/*[local-name()="title"])');
        expect(title).toBe(fields.title.replace(/\r\n?/g, '\n').replace(NOT_XML_CHAR, ''));
      }),
      { numRuns: 40 },
    );
  });

  it('always yields a schema-valid CAP alert', async () => {
    await assertProperty(
      fc.asyncProperty(content, fc.array(text(500), { minLength: 1, maxLength: 3 }), async (fields, actions) => {
        const v = versionOf(alertInput({ ...fields, actions }), { version: 2, changeNote: fields.summary });
        const xml = renderCap(v, { baseUrl: BASE_URL, sender: 'outpost.example', senderName: fields.title, previous: [{ identifier: 'urn:outpost:alert:x:v1', sent: '2026-01-01T00:00:00Z' }] });
        expect(await capErrors(xml)).toEqual([]);
      }),
      { numRuns: 40 },
    );
  });

  it('always yields well-formed RSS and parseable JSON Feed', async () => {
    await assertProperty(
      fc.asyncProperty(content, async (fields) => {
        const entry = buildFeedEntry(versionOf(alertInput(fields)), { baseUrl: BASE_URL });
        expect(await wellFormednessErrors(renderRss(META, [entry]))).toEqual([]);
        const json = JSON.parse(renderJsonFeed(META, [entry])) as JsonFeed;
        expect(json.items[0]?.title).toBe(entry.title);
      }),
      { numRuns: 30 },
    );
  });
});
