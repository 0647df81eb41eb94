import type { Handler, Hono } from 'hono';
import type { Access } from './access';
import { authorize } from './middleware/auth';
import type { AppEnv } from './env';

export type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE';

export interface RouteEntry {
  method: Method;
  path: string;
  access: Access;
}

/**
 * Registers routes with their access decision. `routes` lists everything
 * registered, for the authorization matrix and the API reference.
 */
export class Router {
  readonly routes: RouteEntry[] = [];
  constructor(private readonly app: Hono<AppEnv>) {}

  on(method: Method, path: string, access: Access, handler: Handler<AppEnv>): this {
    this.routes.push({ method, path, access });
    this.app.on(method, path, authorize(access, method === 'GET' ? 'read' : 'write'), handler);
    return this;
  }
}
