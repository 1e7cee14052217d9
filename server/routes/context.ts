// What every route shares: the Hono env (the signed-in user, set by the session middleware in
// app.ts), role guards, and reading a JSON body through a shared schema with a size limit.

import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import * as v from 'valibot';
import type { Role } from '../../shared/api.js';
import { AppError } from '../../shared/errors.js';

export interface SessionUser {
  id: string;
  role: Role;
  personId: string | null;
}

export interface AppEnv {
  Variables: { user: SessionUser | undefined };
}

export const requireRole = (...roles: Role[]) =>
  createMiddleware<AppEnv>(async (c, next) => {
    const user = c.get('user');
    if (!user) throw new AppError('unauthenticated', 'Sign in first.');
    if (!roles.includes(user.role)) throw new AppError('forbidden', 'Your role cannot do this.');
    await next();
  });

export function currentUser(c: Context<AppEnv>): SessionUser {
  const user = c.get('user');
  if (!user) throw new AppError('unauthenticated', 'Sign in first.');
  return user;
}

/** Reads at most maxBytes of JSON and validates it; unknown fields are an error, not ignored. */
export async function readJson<S extends v.GenericSchema>(
  c: Context<AppEnv>,
  schema: S,
  maxBytes = 16 * 1024,
  tooLarge: 'payload_too_large' | 'batch_too_large' = 'payload_too_large',
): Promise<v.InferOutput<S>> {
  const declared = Number(c.req.header('content-length') ?? '0');
  if (declared > maxBytes) throw new AppError(tooLarge, `The request body is larger than ${maxBytes} bytes.`);
  const raw = await c.req.arrayBuffer();
  if (raw.byteLength > maxBytes) throw new AppError(tooLarge, `The request body is larger than ${maxBytes} bytes.`);
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder().decode(raw));
  } catch {
    throw new AppError('bad_request', 'The request body is not valid JSON.');
  }
  return parseWith(schema, json);
}

export function parseWith<S extends v.GenericSchema>(schema: S, input: unknown): v.InferOutput<S> {
  const result = v.safeParse(schema, input);
  if (result.success) return result.output;
  const issue = result.issues[0]!;
  const path = v.getDotPath(issue) ?? '';
  if (issue.type === 'strict_object' && issue.kind === 'schema' && issue.input !== undefined && path) {
    throw new AppError('unknown_field', `Unknown field: ${path}.`);
  }
  throw new AppError('validation_failed', path ? `${path}: ${issue.message}` : issue.message);
}
