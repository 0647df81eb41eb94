import type { Role } from '../../shared/domain/sharing';

/**
 * Who may call a route. Every route declares one; the authorization-matrix
 * test walks the registered routes and fails on any without a decision.
 * - public: anyone, with or without a key (what they see still depends on who they are)
 * - authenticated: any valid key
 * - roles: only keys of people with one of these roles
 */
export type Access = { kind: 'public' } | { kind: 'authenticated' } | { kind: 'roles'; roles: readonly Role[] };

export const PUBLIC: Access = { kind: 'public' };
export const AUTHENTICATED: Access = { kind: 'authenticated' };
export const roles = (...list: Role[]): Access => ({ kind: 'roles', roles: list });
