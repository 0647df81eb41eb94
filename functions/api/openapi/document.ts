import { API_TAGS } from '../../http/api-tags';
import * as z from 'zod';
import type { ZodType } from 'zod';
import type { RouteEntry } from '../../http/router';
import { toOpenApiPath } from './paths';
import { components, ProblemSchema } from './schemas';

/** Path prefixes of the machine interface; everything registered under them must be documented. */
const API_PREFIXES = ['/v1/', '/feeds/', '/cap/'] as const;

export function isApiPath(path: string): boolean {
  return API_PREFIXES.some((p) => path.startsWith(p));
}

type Json = Record<string, unknown>;

/** Problem responses every operation may name, defined once under components.responses. */
const PROBLEMS: Record<number, { name: string; description: string }> = {
  400: { name: 'BadRequest', description: 'The request is malformed (e.g. the body is not JSON)' },
  401: { name: 'Unauthorized', description: 'No valid API key' },
  403: { name: 'Forbidden', description: 'The key’s role or scope does not allow this' },
  404: { name: 'NotFound', description: 'Nothing here, or nothing the caller may see' },
  409: { name: 'Conflict', description: 'The state does not allow this, or a concurrent change won' },
  412: { name: 'PreconditionFailed', description: 'If-Match names an outdated revision' },
  413: { name: 'ContentTooLarge', description: 'The body is too large' },
  415: { name: 'UnsupportedMediaType', description: 'The body is not application/json' },
  422: { name: 'ValidationFailed', description: 'The input is invalid; `errors` names each failing field' },
  428: { name: 'PreconditionRequired', description: 'If-Match is required' },
  429: { name: 'TooManyRequests', description: 'Rate limited, by the API’s own limits or, in AWS, the edge’s rate-based rules; see Retry-After' },
};

/**
 * Converts zod schemas to JSON Schema 2020-12 (the dialect of OpenAPI 3.1)
 * with zod 4's own converter, hoisting named components out of each
 * schema's `$defs` into `#/components/schemas`.
 */
class SchemaCollector {
  readonly schemas: Record<string, Json> = {};

  convert(schema: ZodType, io: 'input' | 'output'): Json {
    const converted = z.toJSONSchema(schema, { target: 'draft-2020-12', io, metadata: components, unrepresentable: 'any', reused: 'inline' }) as Json;
    const { $schema: _dialect, $defs, ...root } = converted;
    const renames = new Map<string, string>();
    const defs = ($defs ?? {}) as Record<string, Json>;
    for (const [name, def] of Object.entries(defs)) {
      const existing = this.schemas[name];
      // The same component can differ between input and output (defaults, coercion): keep both, named apart.
      const target = existing && JSON.stringify(existing) !== JSON.stringify(def) ? `${name}${io === 'input' ? 'Input' : 'Output'}` : name;
      renames.set(name, target);
    }
    for (const [name, def] of Object.entries(defs)) this.schemas[renames.get(name) as string] ??= rewriteRefs(def, renames);
    return rewriteRefs(root, renames);
  }
}

function rewriteRefs<T>(value: T, renames: Map<string, string>): T {
  if (Array.isArray(value)) return value.map((v) => rewriteRefs(v, renames)) as T;
  if (value && typeof value === 'object') {
    const out: Json = {};
    for (const [k, v] of Object.entries(value)) {
      if (k === '$ref' && typeof v === 'string' && v.startsWith('#/$defs/')) {
        const name = v.slice('#/$defs/'.length);
        out[k] = `#/components/schemas/${renames.get(name) ?? name}`;
      } else out[k] = rewriteRefs(v, renames);
    }
    return out as T;
  }
  return value;
}

function operationId(method: string, path: string): string {
  const words = path
    .replace(/\{([^}]+)\}/g, 'by-$1')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean);
  return [method.toLowerCase(), ...words.map((w) => w[0]!.toUpperCase() + w.slice(1))].join('');
}

function objectProperties(json: Json): { properties: Record<string, Json>; required: string[] } {
  return { properties: (json.properties ?? {}) as Record<string, Json>, required: (json.required ?? []) as string[] };
}

export interface OpenApiOptions {
  /** Where the API is served, e.g. https://outpost.example. */
  serverUrl: string;
  version?: string;
}

/**
 * Builds the OpenAPI 3.1 document from the registered routes: every route
 * under /v1, /feeds and /cap that declares docs, with its request schemas
 * (the ones it validates with), its responses, and the problem responses its
 * access and shape imply. Routes without docs are left out, which the
 * route-set test turns into a failure.
 */
export function buildOpenApiDocument(routes: readonly RouteEntry[], options: OpenApiOptions): Json {
  const collector = new SchemaCollector();
  const paths: Record<string, Record<string, Json>> = {};
  const usedProblems = new Set<number>();
  const problemRef = (status: number): Json => {
    usedProblems.add(status);
    return { $ref: `#/components/responses/${PROBLEMS[status]!.name}` };
  };

  for (const route of routes) {
    if (!isApiPath(route.path) || !route.docs) continue;
    const docs = route.docs;
    const path = toOpenApiPath(route.path);
    const parameters: Json[] = [];
    const pathParams = [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1] as string);
    const declared = docs.request?.params ? objectProperties(collector.convert(docs.request.params, 'input')).properties : {};
    for (const name of pathParams) parameters.push({ name, in: 'path', required: true, schema: declared[name] ?? { type: 'string' } });
    if (docs.request?.query) {
      const { properties, required } = objectProperties(collector.convert(docs.request.query, 'input'));
      for (const [name, schema] of Object.entries(properties)) parameters.push({ name, in: 'query', required: required.includes(name), schema });
    }
    if (docs.request?.headers) {
      const { properties, required } = objectProperties(collector.convert(docs.request.headers, 'input'));
      for (const [name, schema] of Object.entries(properties)) parameters.push({ name, in: 'header', required: required.includes(name), schema });
    }
    if (route.method === 'POST' && route.path.startsWith('/v1/')) {
      parameters.push({ name: 'Idempotency-Key', in: 'header', required: false, description: 'A retry with the same key and body gets the same response', schema: { type: 'string', maxLength: 255 } });
    }

    const responses: Json = {};
    for (const [status, response] of Object.entries(docs.responses)) {
      const out: Json = { description: response.description };
      if (response.content) {
        out.content = Object.fromEntries(
          Object.entries(response.content).map(([mediaType, { schema }]) => [mediaType, schema ? { schema: collector.convert(schema, 'output') } : {}]),
        );
      }
      if (response.headers) {
        out.headers = Object.fromEntries(
          Object.entries(response.headers).map(([name, h]) => [name, { description: h.description, schema: h.schema ? collector.convert(h.schema, 'output') : { type: 'string' } }]),
        );
      }
      responses[status] = out;
    }
    // Any request may be refused for its rate (the edge's rate-based rules in AWS, the API's own limits on some routes).
    const problems = new Set<number>([...(docs.errors ?? []), 429]);
    if (route.access.kind !== 'public') {
      problems.add(401);
      problems.add(403);
    }
    if (pathParams.length) problems.add(404);
    if (docs.request?.query || docs.request?.body) problems.add(422);
    if (docs.request?.body) [400, 413, 415].forEach((s) => problems.add(s));
    for (const status of [...problems].sort()) if (!(status in responses) && PROBLEMS[status]) responses[status] = problemRef(status);

    const operation: Json = {
      operationId: docs.operationId ?? operationId(route.method, path),
      summary: docs.summary,
      ...(docs.description ? { description: docs.description } : {}),
      tags: docs.tags,
      ...(parameters.length ? { parameters } : {}),
      responses,
      security: route.access.kind === 'public' ? [{}, { apiKey: [] }] : [{ apiKey: [] }],
      'x-outpost-access': route.access.kind === 'roles' ? { roles: [...route.access.roles] } : route.access.kind,
    };
    if (docs.request?.body) {
      operation.requestBody = { required: true, content: { 'application/json': { schema: collector.convert(docs.request.body, 'input') } } };
    }
    (paths[path] ??= {})[route.method.toLowerCase()] = operation;
  }

  const problemResponses = Object.fromEntries(
    [...usedProblems].sort().map((status) => {
      const { name, description } = PROBLEMS[status]!;
      return [name, { description, content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } }];
    }),
  );
  // The Problem schema itself, even when only referenced from responses.
  collector.convert(ProblemSchema, 'output');

  return {
    openapi: '3.1.1',
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    info: {
      title: 'Outpost API',
      version: options.version ?? '1.0.0',
      summary: 'Security advisories, alerts and reports: JSON API and public feeds.',
      description:
        'Public reads need no key and return TLP:CLEAR content only; with a key they return what the caller’s organization is entitled to. Errors are RFC 9457 problem details. Public GETs send ETag and Last-Modified and answer conditional requests with 304. Mutations accept Idempotency-Key; updates need If-Match.',
      license: { name: 'Apache-2.0', identifier: 'Apache-2.0' },
    },
    servers: [{ url: options.serverUrl }],
    tags: Object.entries(API_TAGS).map(([name, description]) => ({ name, description })),
    paths,
    components: {
      schemas: collector.schemas,
      responses: problemResponses,
      securitySchemes: {
        apiKey: { type: 'http', scheme: 'bearer', description: 'An Outpost API key: `Authorization: Bearer op_…`' },
      },
    },
  };
}
