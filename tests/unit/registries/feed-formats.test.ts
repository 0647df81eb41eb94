import { describe, expect, it } from 'vitest';
import { buildFeedEntry } from '../../../shared/formats/feed-entry';
import { FEED_FORMAT_NAMES, FEED_FORMATS, feedContentType } from '../../../shared/formats/feed-formats';
import { SubscribeFormPage } from '../../../web/pages/subscribe';
import { BASE_URL, everyKindInput, FEED_META, versionOf } from '../formats/fixtures';

describe('the feed format registry', () => {
  it('has exactly one entry per format name, each with its own media type and label', () => {
    expect(Object.keys(FEED_FORMATS).sort()).toEqual([...FEED_FORMAT_NAMES].sort());
    expect(new Set(FEED_FORMAT_NAMES.map((f) => FEED_FORMATS[f].mediaType)).size).toBe(FEED_FORMAT_NAMES.length);
    expect(new Set(FEED_FORMAT_NAMES.map((f) => FEED_FORMATS[f].label)).size).toBe(FEED_FORMAT_NAMES.length);
    for (const format of FEED_FORMAT_NAMES) expect(feedContentType(format)).toBe(`${FEED_FORMATS[format].mediaType}; charset=utf-8`);
  });

  it('renders entries of every kind with each format, each entry named in the document', () => {
    const versions = everyKindInput().map((input) => versionOf(input));
    const entries = versions.map((v) => buildFeedEntry(v, { baseUrl: BASE_URL }));
    for (const format of FEED_FORMAT_NAMES) {
      const document = FEED_FORMATS[format].render(FEED_META, entries);
      for (const v of versions) expect(document, `${format} ${v.content.kind}`).toContain(v.id);
    }
  });

  it('is what the subscribe page links to', async () => {
    const html = String(await SubscribeFormPage({ values: {} }));
    for (const format of FEED_FORMAT_NAMES) expect(html).toContain(`href="/feeds/all.${format}"`);
  });
});
