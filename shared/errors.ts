// Every error the API can answer with: one stable machine code each. The server maps named
// domain errors to these in one place; the PWA translates them (web/i18n).

export const ERROR_CODES = {
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
} as const;
export type ErrorCode = keyof typeof ERROR_CODES;

export interface ErrorBody {
  error: { code: ErrorCode; message: string; retryAfterSec?: number };
}

/** A domain failure with a stable code; `app.onError` turns it into an ErrorBody. */
export class AppError extends Error {
  override name = 'AppError';
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly retryAfterSec?: number,
  ) {
    super(message);
  }
  get status(): number {
    return ERROR_CODES[this.code];
  }
}
