// What every route shares: the Hono env (the signed-in account, set by the session middleware),
// and reading a JSON body or a query through a shared schema with a size limit.

import type { IncomingMessage } from 'node:http';
import type { Context } from 'hono';
import * as v from 'valibot';
import { BadRequestError, PayloadTooLargeError, UnauthenticatedError, UnknownFieldError, ValidationError } from '../../shared/errors.js';
import { isWellFormed } from '../../shared/api/fields.js';
import type { UserActor } from '../auth/actor.js';

export interface AppEnv {
  Variables: { actor: UserActor | undefined };
}

/**
 * One request header (lower-case name), from Node's own request where the app runs under
 * @hono/node-server: asking Hono's request for one header builds a Headers object of all of them,
 * which was most of what a signed-in GET cost beyond the health check (the peak-hours bench).
 */
export function requestHeader(c: Context<AppEnv>, name: string): string | undefined {
  const headers = (c.env as { incoming?: Partial<IncomingMessage> } | undefined)?.incoming?.headers;
  if (!headers) return c.req.header(name);
  const value = headers[name];
  return Array.isArray(value) ? value.join(', ') : value;
}

/**
 * The query string's parameters, the first of each name (as Hono's c.req.query() gives them), read
 * from Node's request line where there is one.
 */
export function requestQuery(c: Context<AppEnv>): Record<string, string> {
  const target = (c.env as { incoming?: Partial<IncomingMessage> } | undefined)?.incoming?.url ?? c.req.url;
  const at = target.indexOf('?');
  const query: Record<string, string> = Object.create(null) as Record<string, string>;
  if (at === -1) return query;
  const hash = target.indexOf('#', at);
  // By hand: URLSearchParams cost ~10 µs per request here, most of what a phone's code request
  // cost beyond the health check.
  for (const pair of target.slice(at + 1, hash === -1 ? undefined : hash).split('&')) {
    const eq = pair.indexOf('=');
    const name = decodeQueryPart(eq === -1 ? pair : pair.slice(0, eq));
    if (name !== '' && !(name in query)) query[name] = eq === -1 ? '' : decodeQueryPart(pair.slice(eq + 1));
  }
  return query;
}

/** application/x-www-form-urlencoded decoding, as URLSearchParams does it: '+' is a space; a malformed escape stays as written. */
function decodeQueryPart(part: string): string {
  if (!part.includes('%') && !part.includes('+')) return part;
  const spaced = part.replaceAll('+', ' ');
  try {
    return decodeURIComponent(spaced);
  } catch {
    return spaced.replace(/%([0-9A-Fa-f]{2})/g, (escape, hex: string) => {
      const code = parseInt(hex, 16);
      return code < 0x80 ? String.fromCharCode(code) : escape;
    });
  }
}

export function currentActor(c: Context<AppEnv>): UserActor {
  const actor = c.get('actor');
  if (!actor) throw new UnauthenticatedError();
  return actor;
}

export const DEFAULT_MAX_BODY_BYTES = 16 * 1024;

/** Reads at most maxBytes of JSON and validates it; unknown fields are an error, not ignored. */
export async function readJson<S extends v.GenericSchema>(
  c: Context<AppEnv>,
  schema: S,
  maxBytes = DEFAULT_MAX_BODY_BYTES,
  tooLarge: 'payload_too_large' | 'batch_too_large' = 'payload_too_large',
): Promise<v.InferOutput<S>> {
  const declared = Number(c.req.header('content-length') ?? '0');
  if (declared > maxBytes) throw new PayloadTooLargeError(maxBytes, tooLarge);
  const raw = await c.req.arrayBuffer();
  if (raw.byteLength > maxBytes) throw new PayloadTooLargeError(maxBytes, tooLarge);
  let textBody: string;
  try {
    textBody = new TextDecoder('utf-8', { fatal: true }).decode(raw);
  } catch {
    throw new BadRequestError('The request body is not valid UTF-8.');
  }
  let json: unknown;
  try {
    json = JSON.parse(textBody);
  } catch {
    throw new BadRequestError('The request body is not valid JSON.');
  }
  // The schemas check their strings too (shared/api/fields.ts); this also covers keys and any
  // field a schema would pass through, so no lone surrogate is ever stored as invalid UTF-8.
  if (hasLoneSurrogate(json)) throw new ValidationError('The request holds text that is not well-formed Unicode (a lone surrogate).');
  return parseWith(schema, json);
}

function hasLoneSurrogate(value: unknown): boolean {
  if (typeof value === 'string') return !isWellFormed(value);
  if (Array.isArray(value)) return value.some(hasLoneSurrogate);
  if (value !== null && typeof value === 'object') {
    return Object.entries(value).some(([k, v]) => !isWellFormed(k) || hasLoneSurrogate(v));
  }
  return false;
}

export function parseWith<S extends v.GenericSchema>(schema: S, input: unknown): v.InferOutput<S> {
  const result = v.safeParse(schema, input);
  if (result.success) return result.output;
  const issue = result.issues[0]!;
  const path = v.getDotPath(issue) ?? '';
  if (issue.type === 'strict_object' && issue.kind === 'schema' && issue.input !== undefined && path) throw new UnknownFieldError(path);
  throw new ValidationError(path ? `${path}: ${issue.message}` : issue.message);
}
