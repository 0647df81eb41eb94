import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { escapeHtml, LINK_REL, renderMarkdown, renderPlainText, sanitizeFragment } from '../../../shared/formats/markdown';
import { expectAllowlisted, tagsOf } from './html-allowlist';
import { assertProperty } from '../../support/property';

describe('renderMarkdown', () => {
  it('renders the allowed block and inline elements', () => {
    const html = renderMarkdown(
      [
        '## Heading',
        '### Sub',
        '#### Subsub',
        'Some **strong**, *em* and `code`.  ',
        'After a hard break.',
        '',
        '- one',
        '- two',
        '',
        '3. three',
        '4. four',
        '',
        '> quoted',
        '',
        '```',
        'block <code>',
        '```',
        '',
        '| a | b |',
        '| - | - |',
        '| 1 | 2 |',
        '',
        '---',
      ].join('\n'),
    );
    const names = new Set(tagsOf(html).map((t) => t.name));
    for (const tag of ['h2', 'h3', 'h4', 'p', 'strong', 'em', 'code', 'br', 'ul', 'ol', 'li', 'blockquote', 'pre', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'hr']) {
      expect(names, tag).toContain(tag);
    }
    expect(html).toContain('<ol start="3">');
    expect(html).toContain('block &lt;code&gt;');
    expectAllowlisted(html);
  });

  it('keeps the page h1 to the page: body headings start at h2 and stop at h4', () => {
    const html = renderMarkdown('# Top\n\n###### Deep');
    expect(html).toContain('<h2>Top</h2>');
    expect(html).toContain('<h4>Deep</h4>');
    expect(html).not.toMatch(/<h[156]/);
  });

  it('never interprets raw HTML: script, iframe, img and event handlers come out as text', () => {
    const html = renderMarkdown('<script>alert(1)</script>\n\n<iframe src="https://evil.example"></iframe>\n\nHi <img src=x onerror=alert(1)> <b onclick="x()">b</b>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('&lt;iframe');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    // Only paragraphs, and the link linkify makes of the bare URL inside the escaped iframe.
    expect(new Set(tagsOf(html).map((t) => t.name))).toEqual(new Set(['p', 'a']));
    expectAllowlisted(html);
  });

  it('drops links whose scheme is not http, https or mailto, keeping their text', () => {
    for (const href of ['javascript:alert(1)', 'JAVASCRIPT:alert(1)', 'java&#x09;script:alert(1)', 'vbscript:x', 'data:text/html;base64,PHNjcmlwdD4=', 'file:///etc/passwd', '/relative/page', '//evil.example/x']) {
      const html = renderMarkdown(`[click here](${href})`);
      expect(html, href).not.toContain('<a');
      expect(html, href).toContain('click here');
      expectAllowlisted(html);
    }
  });

  it('gives every link rel="noopener noreferrer nofollow" and nothing else', () => {
    const html = renderMarkdown('[a](https://a.example/x?y=1&z=2 "title") <https://b.example> [m](mailto:ops@example.org) see https://c.example/page');
    const links = tagsOf(html).filter((t) => t.name === 'a' && Object.keys(t.attributes).length > 0);
    expect(links.map((l) => l.attributes.href)).toEqual(['https://a.example/x?y=1&amp;z=2', 'https://b.example', 'mailto:ops@example.org', 'https://c.example/page']);
    for (const link of links) expect(link.attributes).toEqual({ href: link.attributes.href, rel: LINK_REL });
  });

  it('does not let a dropped link change how the next link is closed', () => {
    const html = renderMarkdown('[rel](/a) and [abs](https://a.example)');
    expect(html).toBe(`<p>rel and <a href="https://a.example" rel="${LINK_REL}">abs</a></p>\n`);
  });

  it('drops images, which are not on the allowlist', () => {
    const html = renderMarkdown('![tracking pixel](https://evil.example/p.gif)');
    expect(html).not.toContain('<img');
    expectAllowlisted(html);
  });

  it('keeps arbitrary input within the allowlist', () => {
    const fragment = fc.constantFrom(
      '<script>', '</script>', '<iframe src=x>', '<img src=x onerror=alert(1)>', '[x](', 'javascript:alert(1)', ')', '](', '**', '_', '`', '\n', '\n\n',
      '# ', '- ', '> ', '<', '>', '&', '"', "'", 'https://ok.example/', 'mailto:a@b.c', '<a href="javascript:x">', ' onclick=', '| a |\n|-|\n', '```\n',
    );
    assertProperty(
      fc.property(fc.array(fc.oneof(fragment, fc.string()), { maxLength: 30 }), (parts) => {
        expectAllowlisted(renderMarkdown(parts.join('')));
      }),
      { numRuns: 300 },
    );
  });
});

describe('sanitizeFragment', () => {
  it('holds assembled HTML to the same allowlist', () => {
    const html = sanitizeFragment('<p onclick="x()">ok</p><script>bad()</script><a href="javascript:x">j</a><a href="https://a.example" target="_blank">a</a><div>d</div>');
    expect(html).toBe(`<p>ok</p>j<a href="https://a.example" rel="${LINK_REL}">a</a>d`);
  });
});

describe('escapeHtml', () => {
  it('escapes the five HTML metacharacters', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  });
});

describe('renderPlainText', () => {
  it('turns Markdown into readable plain text with link targets and list markers', () => {
    const text = renderPlainText('## Where\n\nAvoid **downtown** and [the square](https://a.example/sq).\n\n- north\n- south\n  - river\n\n2. second\n3. third\n\nSee https://b.example.');
    expect(text).toBe('Where\n\nAvoid downtown and the square (https://a.example/sq).\n\n- north\n- south\n  - river\n\n2. second\n3. third\n\nSee https://b.example.');
  });

  it('keeps raw HTML as literal text, since plain text is never interpreted', () => {
    expect(renderPlainText('<script>x</script> & more')).toBe('<script>x</script> & more');
  });
});
