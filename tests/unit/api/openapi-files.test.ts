import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { OPENAPI_FILE, openApiText, openApiTypes, TYPES_FILE } from '../../../scripts/openapi';

const committed = (file: string) => readFileSync(new URL(`../../../${file}`, import.meta.url), 'utf8');

describe('the committed OpenAPI document and its client types', () => {
  it('are what the app serves (run `npm run openapi` if not)', async () => {
    const doc = openApiText();
    expect(committed(OPENAPI_FILE)).toBe(doc);
    expect(committed(TYPES_FILE)).toBe(await openApiTypes(doc));
  });

  it('shows the typed client example in docs/api.md as it is compiled and tested', () => {
    const example = committed('docs/examples/typed-client.ts');
    const body = example.slice(example.indexOf("import createClient from 'openapi-fetch';"));
    expect(committed('docs/api.md')).toContain(body.trimEnd());
  });
});
