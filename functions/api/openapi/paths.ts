/**
 * Hono route patterns to OpenAPI path templates.
 *
 * - `:name` becomes `{name}`.
 * - `:name{regex}` becomes `{name}`; when the regex ends in an escaped file
 *   extension (`:cc{[A-Za-z]{2}\.rss}`, used because Hono cannot match
 *   `/:cc.rss`), the extension stays in the path: `{cc}.rss`.
 *
 * @example toOpenApiPath('/feeds/countries/:cc{[A-Za-z]{2}\\.rss}') // '/feeds/countries/{cc}.rss'
 */
export function toOpenApiPath(honoPath: string): string {
  return honoPath
    .split('/')
    .map((segment) => {
      const match = /^:([A-Za-z_][A-Za-z0-9_]*)(?:\{(.*)\})?$/.exec(segment);
      if (!match) return segment;
      const [, name, pattern] = match;
      const extension = pattern ? /\\\.([A-Za-z0-9]+)$/.exec(pattern)?.[1] : undefined;
      return extension ? `{${name}}.${extension}` : `{${name}}`;
    })
    .join('/');
}
