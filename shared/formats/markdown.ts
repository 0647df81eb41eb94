import MarkdownIt, { type Token } from 'markdown-it';
import sanitizeHtml from 'sanitize-html';

/**
 * Publishers write bodies in Markdown. One renderer turns it into HTML for
 * pages, feeds and email alike, so a body looks the same everywhere and one
 * allowlist decides what markup may reach a reader.
 *
 * Raw HTML in the Markdown is never interpreted (`html: false`: it comes out
 * as text), and the rendered HTML goes through sanitize-html with an explicit
 * allowlist anyway, so that a future markdown-it plugin or option cannot
 * widen what gets through.
 */

const md = new MarkdownIt({ html: false, linkify: true, typographer: false });

/** The rel every link gets: no opener access, no referrer leak, no endorsement. */
export const LINK_REL = 'noopener noreferrer nofollow';

/** Tags that may appear in rendered content. */
export const ALLOWED_TAGS: readonly string[] = [
  'p',
  'h2',
  'h3',
  'h4',
  'ul',
  'ol',
  'li',
  'strong',
  'em',
  'code',
  'pre',
  'blockquote',
  'a',
  'table',
  'thead',
  'tbody',
  'tr',
  'th',
  'td',
  'hr',
  'br',
];

/** Attributes that may appear, per tag; every other attribute is dropped. */
export const ALLOWED_ATTRIBUTES: Readonly<Record<string, readonly string[]>> = {
  a: ['href', 'rel'],
  ol: ['start'],
};

const ALLOWED_SCHEMES = ['http', 'https', 'mailto'];
const ABSOLUTE_ALLOWED_URL = /^(https?:\/\/|mailto:)/i;

const SANITIZE_OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: [...ALLOWED_TAGS],
  allowedAttributes: Object.fromEntries(Object.entries(ALLOWED_ATTRIBUTES).map(([tag, attrs]) => [tag, [...attrs]])),
  allowedSchemes: ALLOWED_SCHEMES,
  allowedSchemesByTag: {},
  allowedSchemesAppliedToAttributes: ['href'],
  allowProtocolRelative: false,
  disallowedTagsMode: 'discard',
  // Content travels to feeds and email, where a relative link means nothing:
  // only absolute http(s) and mailto links stay links; any other link loses
  // its tag and keeps its text. (Done here rather than by renaming the tag in
  // transformTags, which in sanitize-html 2.17 leaks the renamed closing tag
  // onto the next link at the same depth.)
  exclusiveFilter: (frame) => (frame.tag === 'a' && !ABSOLUTE_ALLOWED_URL.test(frame.attribs.href ?? '') ? 'excludeTag' : false),
  transformTags: {
    // The page's own title is the h1; body headings sit below it.
    h1: 'h2',
    h5: 'h4',
    h6: 'h4',
    a: sanitizeHtml.simpleTransform('a', { rel: LINK_REL }),
  },
};

/**
 * Sanitizes an HTML fragment with the same allowlist as {@link renderMarkdown}.
 * For HTML that formats assemble from escaped text plus rendered Markdown, so
 * the combination is held to the same rules as the parts.
 */
export function sanitizeFragment(html: string): string {
  return sanitizeHtml(html, SANITIZE_OPTIONS);
}

/**
 * Renders a publication's Markdown to safe HTML for pages, feeds and email.
 *
 * @example renderMarkdown('Avoid **downtown**.') // '<p>Avoid <strong>downtown</strong>.</p>\n'
 */
export function renderMarkdown(markdown: string): string {
  return sanitizeFragment(md.render(markdown));
}

/**
 * Renders Markdown as plain text: for CAP descriptions, SMS and the text part
 * of email, where markup would show as noise. Link targets are kept in
 * parentheses after their text, list items get "- " or their number, and blocks are
 * separated by a blank line.
 *
 * @example renderPlainText('See [the embassy](https://example.org).') // 'See the embassy (https://example.org).'
 */
export function renderPlainText(markdown: string): string {
  const blocks: string[] = [];
  let current = '';
  // One counter per open list: null for bullets, the next number for ordered lists.
  const lists: (number | null)[] = [];
  const flush = () => {
    const text = current.replace(/[ \t]+\n/g, '\n').trim();
    if (text) blocks.push(text);
    current = '';
  };
  for (const token of md.parse(markdown, {})) {
    switch (token.type) {
      case 'inline':
        current += inlineText(token.children ?? []);
        break;
      case 'fence':
      case 'code_block':
        flush();
        blocks.push(token.content.replace(/\n+$/, ''));
        break;
      case 'bullet_list_open':
      case 'ordered_list_open':
        if (lists.length === 0) flush();
        lists.push(token.type === 'ordered_list_open' ? Number(token.attrGet('start') ?? 1) : null);
        break;
      case 'bullet_list_close':
      case 'ordered_list_close':
        lists.pop();
        if (lists.length === 0) flush();
        break;
      case 'list_item_open': {
        const n = lists.at(-1);
        if (current) current += '\n';
        current += `${'  '.repeat(Math.max(0, lists.length - 1))}${n == null ? '-' : `${n}.`} `;
        if (n != null) lists[lists.length - 1] = n + 1;
        break;
      }
      case 'paragraph_close':
      case 'heading_close':
        if (lists.length === 0) flush();
        break;
      case 'tr_close':
        current += '\n';
        break;
      case 'th_close':
      case 'td_close':
        current += '\t';
        break;
      case 'table_close':
      case 'hr':
        flush();
        break;
      default:
        break;
    }
  }
  flush();
  return blocks.join('\n\n');
}

function inlineText(tokens: Token[]): string {
  let out = '';
  const hrefs: string[] = [];
  for (const token of tokens) {
    switch (token.type) {
      case 'text':
      case 'code_inline':
        out += token.content;
        break;
      case 'softbreak':
        out += ' ';
        break;
      case 'hardbreak':
        out += '\n';
        break;
      case 'image':
        out += token.content;
        break;
      case 'link_open':
        hrefs.push(String(token.attrGet('href') ?? ''));
        break;
      case 'link_close': {
        const href = hrefs.pop() ?? '';
        // A bare or <autolinked> URL already shows its target.
        const shown = token.markup === 'linkify' || token.markup === 'autolink';
        if (!shown && ABSOLUTE_ALLOWED_URL.test(href)) out += ` (${href.replace(/^mailto:/i, '')})`;
        break;
      }
      default:
        break;
    }
  }
  return out;
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for use inside HTML built around rendered Markdown. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c] ?? c);
}
