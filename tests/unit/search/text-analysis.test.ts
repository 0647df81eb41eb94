import { describe, expect, it } from 'vitest';
import { plainText, searchableText } from '../../../shared/domain/search-document';
import { fold, indexTerms, queryWords, snippetOf } from '../../../shared/services/search/text-analysis';

describe('text analysis', () => {
  it('folds case and diacritics, including letters NFKD keeps whole', () => {
    expect(fold('Bogotá')).toBe('bogota');
    expect(fold('São Tomé')).toBe('sao tome');
    expect(fold('Ærøskøbing')).toBe('aeroskobing');
    expect(fold('Straße')).toBe('strasse');
  });

  it('indexes a word as written and as its stem, and drops stop words and lone letters', () => {
    expect(indexTerms('Protests')).toEqual(['protests', 'protest']);
    expect(indexTerms('airport')).toEqual(['airport']);
    expect(indexTerms('the')).toBeNull();
    expect(indexTerms('x')).toBeNull();
    expect(indexTerms('7')).toEqual(['7']);
  });

  it('allows one edit from five letters, and a prefix on the last word only', () => {
    expect(queryWords('riot Bogotá prot')).toEqual([
      { folded: 'riot', fuzzy: 0, prefix: false },
      { folded: 'bogota', fuzzy: 1, prefix: false },
      { folded: 'prot', fuzzy: 0, prefix: true },
    ]);
    expect(queryWords('kidnappings')).toEqual([{ folded: 'kidnappings', stem: 'kidnap', fuzzy: 1, prefix: true }]);
  });

  it('drops stop words and a lone trailing letter from queries', () => {
    expect(queryWords('the embassy in k').map((w) => w.folded)).toEqual(['embassy']);
    expect(queryWords('of the')).toEqual([]);
  });

  it('marks matched words in a snippet and escapes everything else', () => {
    const text = 'Avoid <b>the</b> area & expect protesters near the Bogotá airport.';
    const snippet = snippetOf(text, new Set(['bogota', 'protest']));
    expect(snippet).toBe('Avoid &lt;b&gt;the&lt;/b&gt; area &amp; expect <mark>protesters</mark> near the <mark>Bogotá</mark> airport.');
  });

  it('centres a long text on its first match, with ellipses', () => {
    const text = `${'Calm day. '.repeat(40)}Armed robbery reported downtown. ${'Quiet night. '.repeat(40)}`;
    const snippet = snippetOf(text, new Set(['robberi']));
    expect(snippet.startsWith('… ')).toBe(true);
    expect(snippet.endsWith(' …')).toBe(true);
    expect(snippet).toContain('<mark>robbery</mark>');
    expect(snippet.length).toBeLessThan(300);
  });

  it('reads Markdown as the words a reader sees', () => {
    expect(plainText('## Heading\n\n- **Avoid** the [old town](https://example.org/x) `now`')).toBe('Heading\n\nAvoid the old town now');
  });

  it("searches each kind's own prose besides the summary and body", () => {
    const text = searchableText({
      kind: 'group-profile',
      title: 'T',
      countries: ['CO'],
      summary: 'Summary words.',
      body: 'Body words.',
      sharing: 'TLP:CLEAR',
      aliases: ['Frente Sur'],
      areasOfOperation: ['Cauca'],
      designations: ['FTO'],
    });
    expect(text).toBe('Summary words.\nBody words.\nFrente Sur\nCauca');
  });
});
