// ISO 3166-1 alpha-2 codes, for validating a traveller's country or region on both sides. The code
// list comes from i18n-iso-countries without any locale: names are the web's business (lazily loaded).

import * as v from 'valibot';
import codes from 'i18n-iso-countries/codes.json' with { type: 'json' };

/** Every assigned alpha-2 code, upper case, in the package's order. */
export const COUNTRY_CODES: readonly string[] = Object.freeze(codes.map((row) => row[0]!));

const known = new Set(COUNTRY_CODES);

/** Exactly an assigned alpha-2 code: two capitals, no trimming or case folding (the page sends codes). */
export function isCountryCode(value: unknown): value is string {
  return typeof value === 'string' && known.has(value);
}

export const CountryCodeSchema = v.pipe(v.string(), v.check((code: string) => known.has(code), 'must be an ISO 3166-1 alpha-2 code'));
