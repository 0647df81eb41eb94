import * as z from 'zod';
import { NotFoundError } from '../../../shared/errors';
import { listVersions } from '../../../shared/services/read-publications';
import { diffVersions } from '../../../shared/services/version-diff';
import { PUBLIC } from '../../http/access';
import { cacheable } from '../../http/cache';
import { contentEtag } from '../../http/weak-etag';
import { VersionDiffSchema } from '../openapi/schemas';
import type { Router } from '../../http/router';

const VersionDiffParamsSchema = z.object({
  id: z.string().regex(/^[0-9A-HJKMNP-TV-Z]{26}$/).describe('Publication id (ULID)'),
  n: z.coerce.number().int().min(1).max(999_999).describe('Version number'),
});

/**
 * Per-version diffs: what changed in version `n` against the previous
 * version the caller may see (the store hides versions shared more
 * narrowly, so an anonymous reader's diff spans only CLEAR versions and
 * never reveals what a GREEN or AMBER version said).
 */
export function versionDiffRoutes(router: Router): void {
  router.on(
    'GET',
    '/v1/publications/:id/versions/:n/diff',
    PUBLIC,
    async (c) => {
      const parsed = VersionDiffParamsSchema.safeParse({ id: c.req.param('id'), n: c.req.param('n') });
      if (!parsed.success) throw new NotFoundError('Version');
      const { id, n } = parsed.data;
      const versions = await listVersions(c.var.deps, c.var.viewer, id);
      const index = versions.findIndex((v) => v.version === n);
      if (index === -1) throw new NotFoundError('Version');
      const version = versions[index]!;
      const body = diffVersions(index > 0 ? versions[index - 1] : undefined, version);
      return cacheable(c, body, contentEtag(body), version.publishedAt);
    },
    {
      summary: 'What changed in one version',
      description:
        'The fields that changed in version n (title, level, indicators, countries, summary, body, sections and the kind’s other fields) against the previous version the caller may see. Public callers see TLP:CLEAR versions only.',
      tags: ['Publications'],
      request: { params: VersionDiffParamsSchema },
      responses: { 200: { description: 'The diff', content: { 'application/json': { schema: VersionDiffSchema } } }, 304: { description: 'Not modified' } },
    },
  );
}
