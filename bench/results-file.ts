import { existsSync, readFileSync, writeFileSync } from 'node:fs';

/**
 * bench/results.md is shared: every benchmark rewrites only its own `## `
 * sections (and `npm run bench` the preamble), keeping the others'.
 */
const RESULTS = new URL('./results.md', import.meta.url);

function read(file: URL | string): string {
  return existsSync(file) ? readFileSync(file, 'utf8') : '# Benchmark results\n';
}

/** Replaces (or appends) the section under `heading` (a `## ` line) with `body`. */
export function replaceSection(file: URL | string, heading: string, body: string): void {
  if (!heading.startsWith('## ')) throw new Error(`A results section starts with "## ", not ${JSON.stringify(heading)}`);
  const lines = read(file).trimEnd().split('\n');
  const section = [heading, '', ...body.trimEnd().split('\n')];
  const start = lines.findIndex((line) => line.trim() === heading.trim());
  if (start === -1) {
    writeFileSync(file, `${[...lines, '', ...section].join('\n')}\n`);
    return;
  }
  let end = lines.findIndex((line, i) => i > start && line.startsWith('## '));
  if (end === -1) end = lines.length;
  const after = lines.slice(end);
  writeFileSync(file, `${[...lines.slice(0, start), ...section, ...(after.length > 0 ? ['', ...after] : [])].join('\n')}\n`);
}

/** Replaces everything before the first `## ` section with `text`. */
export function replacePreamble(file: URL | string, text: string): void {
  const lines = read(file).split('\n');
  const first = lines.findIndex((line) => line.startsWith('## '));
  const rest = first === -1 ? [] : lines.slice(first);
  writeFileSync(file, `${[...text.trimEnd().split('\n'), '', ...rest].join('\n').trimEnd()}\n`);
}

/** Writes a whole section (its first line is the `## ` heading) into bench/results.md. */
export function writeResultsSection(section: string): void {
  const [heading = '', ...body] = section.trimEnd().split('\n');
  while (body[0]?.trim() === '') body.shift();
  replaceSection(RESULTS, heading.trim(), body.join('\n'));
}
