import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { COUNTRY_CODES, CountryCodeSchema, isCountryCode } from './countries.js';

describe('countries', () => {
  it('holds every assigned alpha-2 code once, CN and the three regions among them', () => {
    expect(COUNTRY_CODES.length).toBeGreaterThanOrEqual(249);
    expect(new Set(COUNTRY_CODES).size).toBe(COUNTRY_CODES.length);
    for (const code of COUNTRY_CODES) expect(code).toMatch(/^[A-Z]{2}$/);
    for (const code of ['CN', 'HK', 'MO', 'TW', 'US', 'GB', 'KR']) expect(isCountryCode(code)).toBe(true);
  });

  it.each(['', 'cn', ' CN', 'CHN', '156', 'ZZ', 'UK', 'EU', 'AA'])('refuses %j', (code) => {
    expect(isCountryCode(code)).toBe(false);
    expect(v.safeParse(CountryCodeSchema, code).success).toBe(false);
  });

  it('validates with the schema the API contract can use', () => {
    expect(v.parse(CountryCodeSchema, 'HK')).toBe('HK');
    expect(v.safeParse(CountryCodeSchema, 86).success).toBe(false);
    expect(isCountryCode(86)).toBe(false);
  });
});
