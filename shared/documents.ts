// Identity document numbers: how a typed number is normalised and checked for its document type,
// and what a mainland ID number says about its holder (birth date, sex) for the server's counts.

export const DOCUMENT_TYPES = ['mainland-id', 'hk-macau-permit', 'taiwan-permit', 'passport'] as const;
export type DocumentType = (typeof DOCUMENT_TYPES)[number];

/** A resident's account is bound to one of these; travellers may use any type. */
export const RESIDENT_DOCUMENT_TYPES: readonly DocumentType[] = ['mainland-id', 'hk-macau-permit'];

/** Permits print a 2-digit issue count (换证次数) beside the lifelong number; it is asked for separately. */
export const PERMIT_TYPES: readonly DocumentType[] = ['hk-macau-permit', 'taiwan-permit'];

/** Each code names one broken rule, precisely enough for a message that says what to try. */
export const DOCUMENT_PROBLEMS = [
  'number-missing',
  'id-old-15-digit',
  'id-characters',
  'id-length',
  'id-residence-permit',
  'id-region',
  'id-birth-date',
  'id-birth-before-1900',
  'id-birth-future',
  'id-check-digit',
  'hkm-local-id',
  'hkm-prefix',
  'hkm-characters',
  'hkm-length',
  'tw-taiwan-id',
  'tw-characters',
  'tw-length',
  'passport-characters',
  'passport-length',
  'issue-count-missing',
  'issue-count-format',
  'issue-count-mismatch',
] as const;
export type DocumentProblemCode = (typeof DOCUMENT_PROBLEMS)[number];
export type DocumentField = 'documentNumber' | 'issueCount';
export interface DocumentProblem {
  field: DocumentField;
  problem: DocumentProblemCode;
}

export interface CheckedDocument {
  type: DocumentType;
  /** The canonical number: the registry key. For permits, the lifelong number without the issue count. */
  number: string;
  /** Permits only: two digits, '00' for the first card. */
  issueCount?: string;
}
export type DocumentCheck = ({ ok: true } & CheckedDocument) | ({ ok: false } & DocumentProblem);

export interface DocumentCheckOptions {
  /** Defaults to the current time; a birth date after this day (in timeZone) is refused. */
  now?: Date;
  /** The zone whose calendar day counts as "today". Defaults to China Standard Time. */
  timeZone?: string;
}

export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';

/** GB/T 2260 province-level codes that appear on resident ID cards (71 Taiwan is never issued). */
const PROVINCE_CODES = new Set([
  '11', '12', '13', '14', '15', '21', '22', '23', '31', '32', '33', '34', '35', '36', '37',
  '41', '42', '43', '44', '45', '46', '50', '51', '52', '53', '54', '61', '62', '63', '64', '65',
]);
/** 港澳台居民居住证 numbers look like ID numbers with these prefixes, but are another document. */
const RESIDENCE_PERMIT_CODES = new Set(['81', '82', '83']);
const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK_CHARS = '10X98765432';

export const PASSPORT_MIN_LENGTH = 5;
export const PASSPORT_MAX_LENGTH = 15;

export function isDocumentType(value: unknown): value is DocumentType {
  return typeof value === 'string' && (DOCUMENT_TYPES as readonly string[]).includes(value);
}

/** Full-width forms (what a Chinese IME types in full-width mode) become their ASCII twins. */
export function foldFullWidth(s: string): string {
  return s
    .replace(/[\uff01-\uff5e]/gu, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/\u3000/gu, ' ');
}

/** Trimmed, upper-cased, every space dropped: people copy numbers in groups ("H123 456 78"). */
export function normaliseDocumentNumber(raw: string): string {
  return foldFullWidth(raw.normalize('NFC')).replace(/\s+/gu, '').toUpperCase();
}

/** ISO 7064 MOD 11-2 over the first 17 digits of a mainland ID number. */
export function mainlandIdCheckChar(first17: string): string {
  if (!/^\d{17}$/u.test(first17)) throw new RangeError('need 17 digits');
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * ID_WEIGHTS[i]!;
  return ID_CHECK_CHARS[sum % 11]!;
}

/**
 * Checks a number typed for a document type. The result is the canonical number (plus, for
 * permits, the issue count kept apart) or the first broken rule with the field it belongs to.
 */
export function checkDocument(
  type: DocumentType,
  rawNumber: string,
  rawIssueCount?: string,
  options: DocumentCheckOptions = {},
): DocumentCheck {
  const number = normaliseDocumentNumber(rawNumber);
  if (number === '') return fail('documentNumber', 'number-missing');
  switch (type) {
    case 'mainland-id':
      return checkMainlandId(number, options);
    case 'hk-macau-permit':
      return checkHkMacauPermit(number, rawIssueCount);
    case 'taiwan-permit':
      return checkTaiwanPermit(number, rawIssueCount);
    case 'passport':
      return checkPassport(number);
    default:
      // Unreachable for typed callers; a route must have checked isDocumentType first.
      throw new RangeError(`unknown document type: ${String(type satisfies never)}`);
  }
}

function fail(field: DocumentField, problem: DocumentProblemCode): DocumentCheck {
  return { ok: false, field, problem };
}

function checkMainlandId(n: string, options: DocumentCheckOptions): DocumentCheck {
  if (/^\d{15}$/u.test(n)) return fail('documentNumber', 'id-old-15-digit');
  if (!/^[\dX]+$/u.test(n)) return fail('documentNumber', 'id-characters');
  if (n.length !== 18) return fail('documentNumber', 'id-length');
  if (!/^\d{17}[\dX]$/u.test(n)) return fail('documentNumber', 'id-characters');
  const province = n.slice(0, 2);
  if (RESIDENCE_PERMIT_CODES.has(province)) return fail('documentNumber', 'id-residence-permit');
  if (!PROVINCE_CODES.has(province)) return fail('documentNumber', 'id-region');
  const birth = n.slice(6, 14);
  const birthDate = `${birth.slice(0, 4)}-${birth.slice(4, 6)}-${birth.slice(6, 8)}`;
  if (!isCalendarDate(birthDate)) return fail('documentNumber', 'id-birth-date');
  if (birthDate < '1900-01-01') return fail('documentNumber', 'id-birth-before-1900');
  if (birthDate > localDate(options.now ?? new Date(), options.timeZone)) {
    return fail('documentNumber', 'id-birth-future');
  }
  if (mainlandIdCheckChar(n.slice(0, 17)) !== n[17]) return fail('documentNumber', 'id-check-digit');
  return { ok: true, type: 'mainland-id', number: n };
}

// 港澳居民来往内地通行证: the 1999 card printed 11 characters, H (Hong Kong) or M (Macao), an 8-digit
// lifelong number and a 2-digit issue count (00 first, then 01, 02 …, MPS number rules). The
// electronic card prints the 9-character lifelong number and the issue count apart. Non-Chinese
// permanent residents' cards (2024) are HA/MA + 7 digits, also lifelong.
const HKM_CARD = /^[HM]\d{8}$/u;
const HKM_NON_CHINESE = /^[HM]A\d{7}$/u;
const HKM_WITH_COUNT = /^([HM]\d{8})(\d{2})$/u;
// A Hong Kong identity card (A123456(7)) or Macao one (1234567(8)) typed in the permit's place.
const HK_OR_MACAO_ID = /^(?:[A-Z]{1,2}\d{6}\([\dA]\)|[157]\d{6}\(\d\))$/u;

function checkHkMacauPermit(n: string, rawIssueCount: string | undefined): DocumentCheck {
  if (HK_OR_MACAO_ID.test(n)) return fail('documentNumber', 'hkm-local-id');
  if (HKM_CARD.test(n) || HKM_NON_CHINESE.test(n)) return withIssueCount('hk-macau-permit', n, undefined, rawIssueCount);
  const old = HKM_WITH_COUNT.exec(n);
  if (old) return withIssueCount('hk-macau-permit', old[1]!, old[2]!, rawIssueCount);
  if (!/^[HM]/u.test(n)) return fail('documentNumber', 'hkm-prefix');
  if (!/^[HM]A?\d+$/u.test(n)) return fail('documentNumber', 'hkm-characters');
  return fail('documentNumber', 'hkm-length');
}

// 台湾居民来往大陆通行证: since 2008 an 8-digit lifelong number ("一人一号、终身不变"), the issue count
// printed apart. Booklets before that printed 8 digits + a 2-digit issue count, some followed by the
// issuing office's code in parentheses, e.g. 1234567801(B); the office code identifies nobody.
const TW_CARD = /^\d{8}$/u;
const TW_WITH_COUNT = /^(\d{8})(\d{2})(?:\([A-Z\d]\))?$/u;
// A Taiwan identity card number: one letter, 1 or 2 for the sex, 8 digits.
const TAIWAN_ID = /^[A-Z][12]\d{8}$/u;

function checkTaiwanPermit(n: string, rawIssueCount: string | undefined): DocumentCheck {
  if (TW_CARD.test(n)) return withIssueCount('taiwan-permit', n, undefined, rawIssueCount);
  const old = TW_WITH_COUNT.exec(n);
  if (old) return withIssueCount('taiwan-permit', old[1]!, old[2]!, rawIssueCount);
  if (TAIWAN_ID.test(n)) return fail('documentNumber', 'tw-taiwan-id');
  if (!/^\d+$/u.test(n)) return fail('documentNumber', 'tw-characters');
  return fail('documentNumber', 'tw-length');
}

function withIssueCount(
  type: DocumentType,
  number: string,
  fromNumber: string | undefined,
  rawIssueCount: string | undefined,
): DocumentCheck {
  const typed = normaliseDocumentNumber(rawIssueCount ?? '');
  if (typed === '') {
    if (fromNumber === undefined) return fail('issueCount', 'issue-count-missing');
    return { ok: true, type, number, issueCount: fromNumber };
  }
  if (!/^\d{2}$/u.test(typed)) return fail('issueCount', 'issue-count-format');
  if (fromNumber !== undefined && fromNumber !== typed) return fail('issueCount', 'issue-count-mismatch');
  return { ok: true, type, number, issueCount: typed };
}

// ICAO 9303 gives the document number 9 characters of the machine-readable zone (A–Z, 0–9; a
// shorter number is padded with '<', a longer one runs on into the optional data). Real numbers are
// 6–9 characters (CN E/EA12345678, US 9 digits, JP TZ1234567, IN A1234567); 5–15 leaves room for
// the long form without taking a phone number's worth of digits for a passport.
function checkPassport(n: string): DocumentCheck {
  if (!/^[A-Z\d]+$/u.test(n)) return fail('documentNumber', 'passport-characters');
  if (n.length < PASSPORT_MIN_LENGTH || n.length > PASSPORT_MAX_LENGTH) return fail('documentNumber', 'passport-length');
  return { ok: true, type: 'passport', number: n };
}

export type Sex = 'male' | 'female';
export interface IdentityFacts {
  sex: Sex;
  /** YYYY-MM-DD */
  birthDate: string;
}

/** Birth date and sex from a valid mainland ID number; undefined for any other document or number. */
export function identityFacts(type: DocumentType, number: string, options: DocumentCheckOptions = {}): IdentityFacts | undefined {
  if (type !== 'mainland-id') return undefined;
  const checked = checkDocument(type, number, undefined, options);
  if (!checked.ok) return undefined;
  const n = checked.number;
  return {
    sex: Number(n[16]) % 2 === 1 ? 'male' : 'female',
    birthDate: `${n.slice(6, 10)}-${n.slice(10, 12)}-${n.slice(12, 14)}`,
  };
}

export const AGE_BANDS = ['0-17', '18-29', '30-39', '40-49', '50-59', '60+'] as const;
export type AgeBand = (typeof AGE_BANDS)[number];

/** Age in completed years on now's calendar day in timeZone; a 29 February birthday counts from 1 March. */
export function ageOn(birthDate: string, now: Date, timeZone: string = DEFAULT_TIME_ZONE): number {
  if (!isCalendarDate(birthDate)) throw new RangeError(`not a date: ${birthDate}`);
  const today = localDate(now, timeZone);
  if (birthDate > today) throw new RangeError('birth date after today');
  const years = Number(today.slice(0, 4)) - Number(birthDate.slice(0, 4));
  return today.slice(5) < birthDate.slice(5) ? years - 1 : years;
}

export function ageBand(birthDate: string, now: Date, timeZone: string = DEFAULT_TIME_ZONE): AgeBand {
  const age = ageOn(birthDate, now, timeZone);
  if (age < 18) return '0-17';
  if (age >= 60) return '60+';
  if (age < 30) return '18-29';
  return AGE_BANDS[Math.floor(age / 10) - 1]!;
}

/** YYYY-MM-DD that exists in the (proleptic) Gregorian calendar. */
export function isCalendarDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/u.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  const monthDays = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  return mo >= 1 && mo <= 12 && d >= 1 && d <= monthDays[mo - 1]!;
}

// One formatter per zone: building an Intl.DateTimeFormat costs far more than using one.
const dayFormats = new Map<string, Intl.DateTimeFormat>();

/** The calendar day (YYYY-MM-DD) that `now` falls on in timeZone. */
export function localDate(now: Date, timeZone: string = DEFAULT_TIME_ZONE): string {
  let format = dayFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    dayFormats.set(timeZone, format);
  }
  const parts = format.formatToParts(now);
  const part = (t: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === t)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}`;
}
