/* eslint-disable @typescript-eslint/no-explicit-any -- walks an untyped JSON document */
/**
 * A structural check of an OpenAPI 3.1 document: what the specification
 * requires of the document's shape (version, info, paths, operations with
 * responses, path parameters declared for every template name, unique
 * operation ids) and that every `$ref` resolves inside the document. It does
 * not re-validate the JSON Schemas themselves; zod produced those.
 *
 * @returns the problems found; empty when the document is sound
 */
export function openApiProblems(doc: unknown): string[] {
  const problems: string[] = [];
  if (!doc || typeof doc !== 'object') return ['the document is not an object'];
  const d = doc as Record<string, any>;
  if (typeof d.openapi !== 'string' || !/^3\.1\.\d+$/.test(d.openapi)) problems.push(`openapi must be "3.1.x", not ${JSON.stringify(d.openapi)}`);
  if (!d.info || typeof d.info.title !== 'string' || typeof d.info.version !== 'string') problems.push('info.title and info.version are required');
  if (!d.paths || typeof d.paths !== 'object') problems.push('paths is required');
  const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];
  const ids = new Set<string>();
  for (const [path, item] of Object.entries<Record<string, any>>(d.paths ?? {})) {
    if (!path.startsWith('/')) problems.push(`path ${path} must start with /`);
    const names = [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]);
    for (const [method, op] of Object.entries<Record<string, any>>(item)) {
      if (!METHODS.includes(method)) {
        if (method !== 'parameters' && method !== 'summary' && method !== 'description') problems.push(`${path}: unknown key ${method}`);
        continue;
      }
      const where = `${method.toUpperCase()} ${path}`;
      if (!op.responses || Object.keys(op.responses).length === 0) problems.push(`${where}: no responses`);
      for (const [status, res] of Object.entries<Record<string, any>>(op.responses ?? {})) {
        if (!/^([1-5]\d\d|[1-5]XX|default)$/.test(status)) problems.push(`${where}: bad status ${status}`);
        if (!res.$ref && typeof res.description !== 'string') problems.push(`${where} ${status}: response needs a description`);
      }
      if (op.operationId) {
        if (ids.has(op.operationId)) problems.push(`${where}: duplicate operationId ${op.operationId}`);
        ids.add(op.operationId);
      }
      const params: Record<string, any>[] = op.parameters ?? [];
      for (const name of names) {
        if (!params.some((p) => p.in === 'path' && p.name === name && p.required === true)) problems.push(`${where}: path parameter {${name}} is not declared as required`);
      }
      for (const p of params) {
        if (!['path', 'query', 'header', 'cookie'].includes(p.in)) problems.push(`${where}: parameter ${p.name} has bad "in" ${p.in}`);
        if (p.in === 'path' && !names.includes(p.name)) problems.push(`${where}: path parameter ${p.name} is not in the path`);
        if (!p.schema && !p.content) problems.push(`${where}: parameter ${p.name} needs a schema`);
      }
      for (const requirement of op.security ?? []) {
        for (const scheme of Object.keys(requirement)) {
          if (!d.components?.securitySchemes?.[scheme]) problems.push(`${where}: unknown security scheme ${scheme}`);
        }
      }
    }
  }
  const walk = (value: unknown, at: string): void => {
    if (Array.isArray(value)) value.forEach((v, i) => walk(v, `${at}/${i}`));
    else if (value && typeof value === 'object') {
      for (const [k, v] of Object.entries(value)) {
        if (k === '$ref' && typeof v === 'string' && resolve(d, v) === undefined) problems.push(`${at}: $ref ${v} does not resolve`);
        else walk(v, `${at}/${k}`);
      }
    }
  };
  walk(d, '#');
  return problems;
}

/** Resolves a local JSON pointer `#/a/b` in `doc`. */
function resolve(doc: unknown, ref: string): unknown {
  if (!ref.startsWith('#')) return undefined;
  let node: any = doc;
  for (const raw of ref.slice(1).split('/').filter(Boolean)) {
    const key = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
    if (node === null || typeof node !== 'object' || !(key in node)) return undefined;
    node = node[key];
  }
  return node;
}
