import type { FunctionSpec, HttpSpec } from '../../shared/topology';

/**
 * Which function API Gateway (HTTP API) sends a request to, by its route
 * selection: a route whose path matches without a greedy variable beats one
 * with `{proxy+}`; among those, the one with more literal segments, then a
 * named method before `ANY`; unmatched requests go to the default route.
 */
export function routeTarget(http: HttpSpec, method: string, path: string): FunctionSpec {
  const segments = path.split('/').filter(Boolean);
  let best: { rank: number[]; handler: FunctionSpec } | undefined;
  for (const group of http.routes) {
    const methodRank = group.methods.includes(method as never) || (method === 'HEAD' && group.methods.includes('GET')) ? 1 : group.methods.includes('ANY') ? 0 : -1;
    if (methodRank < 0) continue;
    for (const pattern of group.paths) {
      const parts = pattern.split('/').filter(Boolean);
      const greedy = parts.at(-1)?.endsWith('+}') ?? false;
      const fixed = greedy ? parts.slice(0, -1) : parts;
      if (greedy ? segments.length <= fixed.length : segments.length !== fixed.length) continue;
      if (!fixed.every((part, i) => part.startsWith('{') || part === segments[i])) continue;
      const literals = fixed.filter((part) => !part.startsWith('{')).length;
      const rank = [greedy ? 0 : 1, literals, methodRank];
      if (!best || compare(rank, best.rank) > 0) best = { rank, handler: group.handler };
    }
  }
  return best?.handler ?? http.default;
}

function compare(a: number[], b: number[]): number {
  for (let i = 0; i < a.length; i += 1) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return 0;
}

/** A concrete path for a Hono route pattern: each `:param` (with or without a `{regex}`) becomes one segment. */
export function samplePath(pattern: string): string {
  return pattern
    .split('/')
    .map((segment) => (segment.startsWith(':') ? `${segment.replace(/^:([A-Za-z]+).*$/, 'x-$1')}${segment.match(/\\\.([a-z]+)\}$/)?.[0]?.replace(/^\\|\}$/g, '') ?? ''}` : segment))
    .join('/');
}
