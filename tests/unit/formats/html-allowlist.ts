import { expect } from 'vitest';
import { ALLOWED_ATTRIBUTES, ALLOWED_TAGS, LINK_REL } from '../../../shared/formats/markdown';

/** A tag found in sanitized HTML, with its attributes. */
export interface FoundTag {
  name: string;
  attributes: Record<string, string>;
}

/**
 * Lists every tag in an HTML string. sanitize-html escapes every `<` that is
 * not a tag it emitted, so a regular expression sees exactly the tags a
 * browser would build.
 */
export function tagsOf(html: string): FoundTag[] {
  const tags: FoundTag[] = [];
  for (const match of html.matchAll(/<\/?([a-zA-Z][a-zA-Z0-9-]*)([^>]*)>/g)) {
    const attributes: Record<string, string> = {};
    for (const attr of (match[2] ?? '').matchAll(/([^\s=/]+)(?:="([^"]*)")?/g)) {
      attributes[(attr[1] ?? '').toLowerCase()] = attr[2] ?? '';
    }
    tags.push({ name: (match[1] ?? '').toLowerCase(), attributes });
  }
  return tags;
}

/** Asserts that HTML holds only allowlisted tags and attributes, and only safe, well-marked links. */
export function expectAllowlisted(html: string): void {
  for (const tag of tagsOf(html)) {
    expect(ALLOWED_TAGS, `tag <${tag.name}> in ${html}`).toContain(tag.name);
    for (const [name, value] of Object.entries(tag.attributes)) {
      expect(ALLOWED_ATTRIBUTES[tag.name] ?? [], `attribute ${name} on <${tag.name}> in ${html}`).toContain(name);
      if (name === 'href') expect(value).toMatch(/^(https?:\/\/|mailto:)/i);
    }
    if (tag.name === 'a' && Object.keys(tag.attributes).length > 0) expect(tag.attributes.rel).toBe(LINK_REL);
  }
  // Belt and braces for the tag scan above: no unescaped `<` may open one of these.
  expect(html).not.toMatch(/<\s*\/?\s*(script|iframe|img|style|object|embed|svg)/i);
}
