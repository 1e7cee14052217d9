// How an endpoint is described: method, path, who may call it, and the schemas of its request and
// its response. The server mounts routes from these descriptions and the PWA checks every answer
// against them, so the two sides cannot drift apart silently.

import * as v from 'valibot';
import type { Role } from '../roles.js';

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * Who may call: anyone (public lists), anyone signed in, or the listed roles. `self` marks an answer
 * that carries only the caller's own data (their code, their name): the privacy test allows personal
 * fields there and nowhere a manager or organisation admin can reach. `devOnly` endpoints exist only
 * in development (the SMS outbox a developer signs in with).
 */
export type Access =
  | { public: true; self?: true }
  | { signedIn: true; self?: true }
  | { roles: readonly Role[]; self?: true }
  | { devOnly: true };

export interface Endpoint {
  method: Method;
  /** A Hono path pattern, e.g. /api/venues/:id/stats. */
  path: string;
  access: Access;
  /** The JSON body, for methods that take one. Unknown fields are refused. */
  body?: v.GenericSchema;
  /** The query string; every value arrives as a string. */
  query?: v.GenericSchema;
  response: v.GenericSchema;
}

/** Whether someone with this role can call the endpoint (development-only endpoints never count). */
export function reachableBy(access: Access, role: Role): boolean {
  if ('devOnly' in access) return false;
  if ('roles' in access) return access.roles.includes(role);
  return true;
}

/** Keeps the literal types of an endpoint description (for typed bodies and answers). */
export const endpoint = <const E extends Endpoint>(e: E): E => e;

export type BodyOf<E extends Endpoint> = E['body'] extends v.GenericSchema ? v.InferOutput<E['body']> : undefined;
export type QueryOf<E extends Endpoint> = E['query'] extends v.GenericSchema ? v.InferOutput<E['query']> : undefined;
export type ResponseOf<E extends Endpoint> = v.InferOutput<E['response']>;

/** Fills :params into a path pattern, URL-encoding each value. */
export function pathOf(pattern: string, params: Record<string, string> = {}): string {
  return pattern.replace(/:([A-Za-z]\w*)/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`path ${pattern} needs :${name}`);
    return encodeURIComponent(value);
  });
}

/** The {ok: true} answer of actions that return nothing else. */
export const OkSchema = v.strictObject({ ok: v.literal(true) });
