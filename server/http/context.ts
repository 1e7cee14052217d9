// What every route shares: the Hono env (the signed-in account, set by the session middleware),
// and reading a JSON body or a query through a shared schema with a size limit.

import type { Context } from 'hono';
import * as v from 'valibot';
import { BadRequestError, PayloadTooLargeError, UnauthenticatedError, UnknownFieldError, ValidationError } from '../../shared/errors.js';
import { isWellFormed } from '../../shared/api/fields.js';
import type { UserActor } from '../auth/actor.js';

export interface AppEnv {
  Variables: { actor: UserActor | undefined };
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
