import type { Handler, Hono } from 'hono';
import type { ZodType } from 'zod';
import type { Access } from './access';
import type { ApiTag } from './api-tags';
import { authorize } from './middleware/auth';
import type { AppEnv } from './env';

export type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE';

/** One response of a documented route; `content` maps a media type to the zod schema of its body. */
export interface RouteResponseDoc {
  description: string;
  content?: Record<string, { schema?: ZodType }>;
  headers?: Record<string, { description: string; schema?: ZodType }>;
}

/**
 * What the OpenAPI document says about a route. The request schemas are the
 * zod schemas the handler validates with, so the reference cannot drift
 * from the behaviour.
 */
export interface RouteDocs {
  summary: string;
  description?: string;
  tags: ApiTag[];
  operationId?: string;
  request?: { params?: ZodType; query?: ZodType; body?: ZodType; headers?: ZodType };
  /** Success (and notable) responses; problem responses for access, validation and not-found are added from the route's shape. */
  responses: Record<number, RouteResponseDoc>;
  /** Further problem statuses the route can answer, e.g. 409 or 412. */
  errors?: number[];
}

export interface RouteEntry {
  method: Method;
  path: string;
  access: Access;
  docs?: RouteDocs;
}

/**
 * Registers routes with their access decision. `routes` lists everything
 * registered, for the authorization matrix and the API reference.
 */
export class Router {
  readonly routes: RouteEntry[] = [];
  constructor(private readonly app: Hono<AppEnv>) {}

  /** Registers a route; `docs` describes it in the OpenAPI document (routes under /v1, /feeds and /cap must have it). */
  on(method: Method, path: string, access: Access, handler: Handler<AppEnv>, docs?: RouteDocs): this {
    this.routes.push(docs ? { method, path, access, docs } : { method, path, access });
    this.app.on(method, path, authorize(access, method === 'GET' ? 'read' : 'write'), handler);
    return this;
  }
}
