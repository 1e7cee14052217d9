// Domain errors to HTTP, in one place: the status of every error code, and the one JSON shape
// `{ error: { code, message } }` that every failure is answered with.

import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { AppError, IdentityRejectedError, type ErrorBody, type ErrorCode } from '../../shared/errors.js';
import type { AppEnv } from './context.js';

export const HTTP_STATUS: Record<ErrorCode, ContentfulStatusCode> = {
  bad_request: 400,
  validation_failed: 400,
  unknown_field: 400,
  payload_too_large: 413,
  batch_too_large: 413,
  unauthenticated: 401,
  forbidden: 403,
  cross_site_request: 403,
  not_found: 404,
  otp_invalid: 400,
  otp_expired: 400,
  otp_too_many_attempts: 429,
  otp_resend_too_soon: 429,
  rate_limited: 429,
  not_bound_to_venue: 403,
  no_code: 404,
  internal: 500,
  device_key_unknown: 404,
  stats_range_invalid: 400,
  reverify_required: 403,
  phone_taken: 409,
  venue_edit_too_soon: 409,
  manager_has_venue: 409,
  declaration_code_unknown: 404,
  area_not_street_level: 400,
  checkin_refused: 400,
  identity_rejected: 422,
  identity_already_bound: 409,
  org_edit_too_soon: 409,
  admin_has_org: 409,
  join_code_unknown: 404,
  area_unknown: 400,
  not_a_member: 403,
  declaration_not_for_travellers: 403,
  declaration_time_invalid: 400,
};

/** Hono's own exceptions (a bad cookie, a body limit) answered in our shape. */
const FROM_HTTP: Partial<Record<number, ErrorCode>> = { 400: 'bad_request', 401: 'unauthenticated', 403: 'forbidden', 404: 'not_found', 413: 'payload_too_large' };

export function errorBody(code: ErrorCode, message: string, retryAfterSec?: number): ErrorBody {
  return { error: retryAfterSec === undefined ? { code, message } : { code, message, retryAfterSec } };
}

/** app.onError: a known failure gets its code and status; anything else is logged and hidden. */
export function answerError(err: Error, c: Context<AppEnv>, log: (line: string) => void): Response {
  if (err instanceof AppError) {
    if (err.retryAfterSec !== undefined) c.header('Retry-After', String(err.retryAfterSec));
    const body = errorBody(err.code, err.message, err.retryAfterSec);
    if (err instanceof IdentityRejectedError) body.error.problems = err.problems;
    return c.json(body, HTTP_STATUS[err.code]);
  }
  const fromHttp = err instanceof HTTPException ? FROM_HTTP[err.status] : undefined;
  if (fromHttp) return c.json(errorBody(fromHttp, err.message || 'Request refused.'), HTTP_STATUS[fromHttp]);
  log(`${c.req.method} ${c.req.path} failed: ${err.stack ?? err.message}`);
  return c.json(errorBody('internal', 'Something went wrong on the server.'), 500);
}
