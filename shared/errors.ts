// Every error the API can answer with: one stable machine code each, and a named class per domain
// failure (as Hono names JwtTokenExpired). Services throw these; the server maps codes to HTTP
// statuses in one place (server/http/errors.ts) and the PWA translates the codes.

import * as v from 'valibot';

export const ERROR_CODES = [
  'bad_request',
  'validation_failed',
  'unknown_field',
  'payload_too_large',
  'batch_too_large',
  'unauthenticated',
  'forbidden',
  'cross_site_request',
  'not_found',
  'otp_invalid',
  'otp_expired',
  'otp_too_many_attempts',
  'otp_resend_too_soon',
  'rate_limited',
  'not_bound_to_venue',
  'no_code',
  'internal',
  'device_key_unknown',
  'stats_range_invalid',
  'reverify_required',
  'phone_taken',
  'venue_edit_too_soon',
  'manager_has_venue',
  'declaration_code_unknown',
  'area_not_street_level',
  'checkin_refused',
  'identity_rejected',
  'identity_already_bound',
  'org_edit_too_soon',
  'admin_has_org',
  'join_code_unknown',
  'area_unknown',
  'not_a_member',
  'declaration_not_for_travellers',
  'declaration_time_invalid',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export const ErrorBodySchema = v.strictObject({
  error: v.strictObject({
    code: v.picklist(ERROR_CODES),
    message: v.string(),
    retryAfterSec: v.optional(v.number()),
    /** identity_rejected: one problem per wrong field, so a form can mark each (shared/identity.ts codes). */
    problems: v.optional(v.array(v.strictObject({ field: v.string(), problem: v.string() }))),
  }),
});
export type ErrorBody = v.InferOutput<typeof ErrorBodySchema>;

/** A domain failure with a stable code; the server turns it into an ErrorBody. */
export class AppError extends Error {
  override name = 'AppError';
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly retryAfterSec?: number,
  ) {
    super(message);
  }
}

export class BadRequestError extends AppError {
  override name = 'BadRequestError';
  constructor(message = 'The request could not be read.') {
    super('bad_request', message);
  }
}

export class ValidationError extends AppError {
  override name = 'ValidationError';
  constructor(message: string) {
    super('validation_failed', message);
  }
}

export class UnknownFieldError extends AppError {
  override name = 'UnknownFieldError';
  constructor(readonly field: string) {
    super('unknown_field', `Unknown field: ${field}.`);
  }
}

export class PayloadTooLargeError extends AppError {
  override name = 'PayloadTooLargeError';
  constructor(maxBytes: number, code: 'payload_too_large' | 'batch_too_large' = 'payload_too_large') {
    super(code, `The request body is larger than ${maxBytes} bytes.`);
  }
}

export class UnauthenticatedError extends AppError {
  override name = 'UnauthenticatedError';
  constructor(message = 'Sign in first.') {
    super('unauthenticated', message);
  }
}

export class ForbiddenError extends AppError {
  override name = 'ForbiddenError';
  constructor(message = 'Your role cannot do this.') {
    super('forbidden', message);
  }
}

export class CrossSiteRequestError extends AppError {
  override name = 'CrossSiteRequestError';
  constructor() {
    super('cross_site_request', 'Requests from other sites are not accepted.');
  }
}

export class NotFoundError extends AppError {
  override name = 'NotFoundError';
  constructor(message = 'Not found.') {
    super('not_found', message);
  }
}

export class OtpInvalidError extends AppError {
  override name = 'OtpInvalidError';
  constructor(message = 'The code is not right. Ask for a new one if needed.') {
    super('otp_invalid', message);
  }
}

export class OtpExpiredError extends AppError {
  override name = 'OtpExpiredError';
  constructor() {
    super('otp_expired', 'The code has expired. Ask for a new one.');
  }
}

export class OtpTooManyAttemptsError extends AppError {
  override name = 'OtpTooManyAttemptsError';
  constructor() {
    super('otp_too_many_attempts', 'Too many wrong codes. Ask for a new one.');
  }
}

/** A limit was reached; retryAfterSec says when there is room again. */
export class RateLimitedError extends AppError {
  override name = 'RateLimitedError';
  constructor(code: 'rate_limited' | 'otp_resend_too_soon', message: string, retryAfterSec: number) {
    super(code, message, retryAfterSec);
  }
}

export class NoCodeError extends AppError {
  override name = 'NoCodeError';
  constructor() {
    super('no_code', 'This account has no health code.');
  }
}

/** The phone asked for a code bound to a device key this account has not registered (or no longer holds). */
export class DeviceKeyUnknownError extends AppError {
  override name = 'DeviceKeyUnknownError';
  constructor() {
    super('device_key_unknown', 'This device key is not registered for this account. Register it again.');
  }
}

/** A statistics or export date range that ends before it starts or spans more than a year. */
export class StatsRangeError extends AppError {
  override name = 'StatsRangeError';
  constructor(message: string) {
    super('stats_range_invalid', message);
  }
}

/** Unbinding, changing the phone or deleting the account needs an SMS code from the last 5 minutes. */
export class ReverifyRequiredError extends AppError {
  override name = 'ReverifyRequiredError';
  constructor() {
    super('reverify_required', 'Confirm with a new SMS code first (valid for 5 minutes).');
  }
}

/** The new phone number already belongs to another holder account. */
export class PhoneTakenError extends AppError {
  override name = 'PhoneTakenError';
  constructor() {
    super('phone_taken', 'This phone number is already bound to another account.');
  }
}

/** A venue was already changed this natural week; retryAfterSec says when the next change is allowed. */
export class VenueEditTooSoonError extends AppError {
  override name = 'VenueEditTooSoonError';
  constructor(allowedFrom: string, retryAfterSec: number) {
    super('venue_edit_too_soon', `The venue was already changed this week. It can be changed again from ${allowedFrom}.`, retryAfterSec);
  }
}

/** A manager manages one venue: this one has a venue already (registering, or receiving a hand-over). */
export class ManagerHasVenueError extends AppError {
  override name = 'ManagerHasVenueError';
  constructor(message = 'This manager already manages a venue.') {
    super('manager_has_venue', message);
  }
}

/** An organisation was already changed this natural week; retryAfterSec says when the next change is allowed. */
export class OrgEditTooSoonError extends AppError {
  override name = 'OrgEditTooSoonError';
  constructor(allowedFrom: string, retryAfterSec: number) {
    super('org_edit_too_soon', `The organisation was already changed this week. It can be changed again from ${allowedFrom}.`, retryAfterSec);
  }
}

/** An organisation admin administers one organisation: this one has one already. */
export class AdminHasOrgError extends AppError {
  override name = 'AdminHasOrgError';
  constructor() {
    super('admin_has_org', 'This account already administers an organisation.');
  }
}

export class JoinCodeUnknownError extends AppError {
  override name = 'JoinCodeUnknownError';
  constructor() {
    super('join_code_unknown', 'No organisation has this join code.');
  }
}

/** An area code that names no administrative division. */
export class AreaUnknownError extends AppError {
  override name = 'AreaUnknownError';
  constructor() {
    super('area_unknown', 'Pick the area from the list.');
  }
}

/** A declaration to an organisation the person is not (or no longer) a member of. */
export class NotAMemberError extends AppError {
  override name = 'NotAMemberError';
  constructor() {
    super('not_a_member', 'You are not a member of this organisation.');
  }
}

/** Travellers' web code has no health declaration, as in the real system. */
export class DeclarationNotForTravellersError extends AppError {
  override name = 'DeclarationNotForTravellersError';
  constructor() {
    super('declaration_not_for_travellers', 'The traveller’s web code has no health declaration.');
  }
}

/** Declared too long ago to count (kept offline for over 48 hours), or by a clock far ahead. */
export class DeclarationTimeInvalidError extends AppError {
  override name = 'DeclarationTimeInvalidError';
  constructor() {
    super('declaration_time_invalid', 'This declaration was made too long ago (or the phone’s clock is wrong): declare again.');
  }
}

export class DeclarationCodeUnknownError extends AppError {
  override name = 'DeclarationCodeUnknownError';
  constructor() {
    super('declaration_code_unknown', 'No venue has this declaration code.');
  }
}

export class AreaNotStreetLevelError extends AppError {
  override name = 'AreaNotStreetLevelError';
  constructor() {
    super('area_not_street_level', 'Pick the area down to a township or street.');
  }
}

/** A check-in code that is forged, another deployment's, not for the day of the check-in, or unreadable. */
export class CheckinRefusedError extends AppError {
  override name = 'CheckinRefusedError';
  constructor(readonly reason: string) {
    super('checkin_refused', `This check-in code cannot be used (${reason}).`);
  }
}

/** A problem with one field of a form: the field's name and a problem code its page can say in words. */
export interface FieldProblem {
  field: string;
  problem: string;
}

/** A typed identity (or the phone beside it) was refused: which fields, and why, for the form to show. */
export class IdentityRejectedError extends AppError {
  override name = 'IdentityRejectedError';
  constructor(readonly problems: FieldProblem[]) {
    super('identity_rejected', `Check ${problems.map((p) => `${p.field} (${p.problem})`).join(', ')}.`);
  }
}

/** The account is bound to its person's identity already: it is not changed by binding another. */
export class IdentityAlreadyBoundError extends AppError {
  override name = 'IdentityAlreadyBoundError';
  constructor() {
    super('identity_already_bound', 'This account is already bound to an identity document.');
  }
}
