import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/**
 * The reference UI's assets, served by the app itself from `swagger-ui-dist`
 * (no CDN: /docs works offline and under a strict CSP). The directory is
 * resolved when this module loads, so a bundle that left the package out
 * fails at cold start, not on the first visit; the files themselves are read
 * on first use, to keep 1.9 MB off the cold start of every other route.
 *
 * Lambda bundling: esbuild does not see these files, so the function's
 * bundle must copy `swagger-ui-bundle.js` and `swagger-ui.css` (or mark
 * `swagger-ui-dist` as an external node module that is installed).
 */
const DIST = dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));

/** The files /docs needs, by the name they are served under. */
export const SWAGGER_FILES = {
  'swagger-ui-bundle.js': 'text/javascript; charset=utf-8',
  'swagger-ui.css': 'text/css; charset=utf-8',
} as const;
export type SwaggerFile = keyof typeof SWAGGER_FILES;

for (const name of Object.keys(SWAGGER_FILES)) {
  if (!existsSync(join(DIST, name))) throw new Error(`swagger-ui-dist is missing ${name} (looked in ${DIST})`);
}

export interface StaticAsset {
  body: Uint8Array<ArrayBuffer>;
  contentType: string;
  etag: string;
}

const loaded = new Map<SwaggerFile, StaticAsset>();

/** One of the UI's files, read once per process. */
export function swaggerAsset(name: SwaggerFile): StaticAsset {
  let asset = loaded.get(name);
  if (!asset) {
    const body = readFileSync(join(DIST, name));
    asset = { body, contentType: SWAGGER_FILES[name], etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"` };
    loaded.set(name, asset);
  }
  return asset;
}

/** The UI's start-up script, served as a file so the page needs no inline script. */
export const SWAGGER_INIT = `window.addEventListener('load', function () {
  window.ui = SwaggerUIBundle({
    url: '/openapi.json',
    dom_id: '#swagger-ui',
    deepLinking: true,
    validatorUrl: null,
    presets: [SwaggerUIBundle.presets.apis],
    layout: 'BaseLayout'
  });
});
`;

/** The /docs page: the UI's stylesheet and scripts, all from this origin. */
export const DOCS_HTML = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Outpost API reference</title>
<link rel="stylesheet" href="/docs/swagger-ui.css">
</head>
<body>
<noscript><p>The interactive reference needs JavaScript. The document itself is at <a href="/openapi.json">/openapi.json</a>.</p></noscript>
<div id="swagger-ui"></div>
<script src="/docs/swagger-ui-bundle.js"></script>
<script src="/docs/init.js"></script>
</body>
</html>
`;

/**
 * The reference UI's policy: scripts and styles only from this origin (the
 * UI sets element styles from script, which 'self' allows), images from
 * here or data: URIs (its icons), fetches only to this origin.
 */
export const DOCS_CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; font-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
