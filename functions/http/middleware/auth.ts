import type { Context, MiddlewareHandler } from 'hono';
import type { KeyScope } from '../../../shared/domain/api-key';
import { ANONYMOUS, type Viewer } from '../../../shared/domain/sharing';
import { ForbiddenError, UnauthenticatedError } from '../../../shared/errors';
import { authenticateApiKey } from '../../../shared/services/api-keys';
import type { ActingPerson } from '../../../shared/services/deps';
import type { Access } from '../access';
import type { AppEnv } from '../env';

/**
 * Resolves the caller from `Authorization: Bearer <key>`. No header means
 * anonymous; a header with a bad key is a 401, never a silent downgrade.
 */
export function authenticate(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const header = c.req.header('authorization');
    let viewer: Viewer = ANONYMOUS;
    if (header !== undefined) {
      const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
      if (!match?.[1]) throw new UnauthenticatedError('Send the API key as Authorization: Bearer <key>.');
      const record = await authenticateApiKey(c.var.deps, match[1]);
      viewer = { kind: 'person', personId: record.personId, orgId: record.orgId, role: record.role, keyId: record.keyId };
      c.set('scopes', record.scopes);
    }
    c.set('viewer', viewer);
    await next();
  };
}

/** Enforces a route's declared access before its handler runs. */
export function authorize(access: Access, needs: KeyScope): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (access.kind !== 'public') {
      const viewer = c.var.viewer;
      if (viewer.kind === 'anonymous') throw new UnauthenticatedError();
      if (access.kind === 'roles' && !access.roles.includes(viewer.role)) throw new ForbiddenError();
      if (!c.var.scopes.includes(needs)) throw new ForbiddenError(`This API key lacks the "${needs}" scope.`);
    }
    await next();
  };
}

/** The acting person of an authenticated route. */
export function actor(c: Context<AppEnv>): ActingPerson {
  const viewer = c.var.viewer;
  if (viewer.kind === 'anonymous') throw new UnauthenticatedError();
  return { personId: viewer.personId, orgId: viewer.orgId, role: viewer.role, keyId: viewer.keyId };
}
