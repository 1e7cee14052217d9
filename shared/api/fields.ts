// The building blocks every request schema is made of, so that no field is unbounded: numbers
// have a lowest and a highest value (1e20 must not reach a bigint column), strings a length and
// well-formed Unicode (a lone surrogate would be stored as invalid UTF-8). shared/api/fields.test.ts
// walks every endpoint's body and query and fails on a number or a string made without them.

import * as v from 'valibot';

/** A lone UTF-16 surrogate: in `u` mode a paired one is a single code point and does not match. */
const LONE_SURROGATE = /\p{Cs}/u;

export function isWellFormed(s: string): boolean {
  return !LONE_SURROGATE.test(s);
}

/** The action that marks a string as checked for well-formed Unicode (the walker looks for it). */
export const wellFormed = () => v.check<string, string>(isWellFormed, 'must be well-formed Unicode text');

/** Epoch milliseconds up to the end of year 9999: far past any real clock, far below bigint's end. */
export const MAX_EPOCH_MS = 253_402_300_799_999;

/** A whole number from min to max. */
export const int = (min: number, max: number, message?: string) =>
  v.pipe(v.number(), v.integer(), v.minValue(min, message), v.maxValue(max, message));

/** A finite number from min to max. */
export const num = (min: number, max: number, message?: string) => v.pipe(v.number(), v.minValue(min, message), v.maxValue(max, message));

/** A moment, as epoch milliseconds, from 1970 to the end of year 9999. */
export const epochMs = () => int(0, MAX_EPOCH_MS, 'must be a time from 1970 to 9999 in epoch milliseconds');

/** Text of minLength to maxLength UTF-16 units, well-formed. */
export const text = (maxLength: number, minLength = 0) =>
  v.pipe(v.string(), v.minLength(minLength), v.maxLength(maxLength), wellFormed());

/** Well-formed text also matching a pattern (ids, digits): the pattern bounds the alphabet, the length the size. */
export const matching = (pattern: RegExp, message: string, maxLength = 256) =>
  v.pipe(v.string(), v.maxLength(maxLength), wellFormed(), v.regex(pattern, message));

/** Form text a person types: trimmed, at least one character (else `message`), at most `max` after trimming. */
export const formText = (max: number, message: string) =>
  v.pipe(v.string(), v.maxLength(max * 2), wellFormed(), v.trim(), v.minLength(1, message), v.maxLength(max, `at most ${max} characters`));
