import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  MAX_NAME_LENGTH,
  NAME_PROBLEMS,
  checkEnteredName,
  maskName,
  namesMatch,
  normaliseName,
  normaliseRegistryName,
  type NameProblemCode,
} from './names.js';

describe('names', () => {
  it.each([
    ['张三', '*三'],
    ['张小明', '张*明'],
    ['欧阳娜娜', '欧*娜'],
    ['买买提·艾力', '买*力'],
    ['王', '*'],
    ['maria  garcia lopez', 'M* G* L*'],
    ['A B C D E F G H', 'A* B* C* D* E* F*'],
    ['', ''],
  ])('masks %j as %j', (name, masked) => {
    expect(maskName(name)).toBe(masked);
  });

  it('normalises to NFC with collapsed spaces', () => {
    expect(normaliseName('  Jose\u0301   Li ')).toBe('José Li');
  });
});

describe('normaliseRegistryName', () => {
  it.each([
    ['  anna-marie lee smith ', 'ANNA MARIE LEE SMITH'],
    ['Lee  Smith \t Anna', 'LEE SMITH ANNA'],
    ['LEE–SMITH ANNA', 'LEE SMITH ANNA'],
    ['Lee, Anna', 'LEE ANNA'],
    ["o'neil  mary", 'ONEIL MARY'],
    ['O’Neil Mary', 'ONEIL MARY'],
    ['Jose\u0301 García', 'JOSÉ GARCÍA'],
    ['straße', 'STRASSE'],
    ['ＬＥＥ　ａｎｎａ', 'LEE ANNA'],
    ['买买提·艾力', '买买提·艾力'],
    ['买买提•艾力', '买买提·艾力'],
    ['买买提・艾力', '买买提·艾力'],
    ['买买提.艾力', '买买提·艾力'],
    ['买买提．艾力', '买买提·艾力'],
    [' 张 三 ', '张三'],
    ['', ''],
  ])('%j → %j', (name, normalised) => {
    expect(normaliseRegistryName(name)).toBe(normalised);
  });
});

describe('namesMatch', () => {
  it.each([
    // The e2e case: lower case, surname last, a hyphen and stray spaces.
    ['  anna-marie lee smith ', 'LEE SMITH ANNA MARIE', true],
    ['lee smith anna marie', 'LEE SMITH ANNA MARIE', true],
    ['LEE-SMITH ANNA-MARIE', 'LEE SMITH ANNA MARIE', true],
    ['anna marie lee-smith', 'LEE SMITH ANNA MARIE', true],
    ['marie lee smith anna', 'LEE SMITH ANNA MARIE', true],
    ['John Smith', 'SMITH JOHN', true],
    ['smith john', 'SMITH JOHN', true],
    ['smith', 'SMITH', true],
    ['José Garcia', 'GARCIA JOSE', true],
    ["O'Neil Mary", 'ONEIL MARY', true],
    ['Lee, Anna', 'LEE ANNA', true],
    ['张三', '张三', true],
    ['张 三', '张三', true],
    ['买买提.艾力', '买买提·艾力', true],
    // Not a rotation: given names swapped among themselves, surname words swapped.
    ['marie anna lee smith', 'LEE SMITH ANNA MARIE', false],
    ['smith lee anna marie', 'LEE SMITH ANNA MARIE', false],
    ['anna lee smith', 'LEE SMITH ANNA MARIE', false],
    ['annamarie lee smith', 'LEE SMITH ANNA MARIE', false],
    ['John Smyth', 'SMITH JOHN', false],
    ['三张', '张三', false],
    ['艾力·买买提', '买买提·艾力', false],
    ['ZHANG SAN', '张三', false],
    ['', '', false],
    ['SMITH', '', false],
  ])('%j vs %j: %s', (entered, registered, match) => {
    expect(namesMatch(entered, registered)).toBe(match);
  });
});

describe('namesMatch, for any Latin name', () => {
  const word = fc.stringMatching(/^[A-Z]{1,8}$/);
  const name = fc.record({
    surname: fc.array(word, { minLength: 1, maxLength: 3 }),
    given: fc.array(word, { minLength: 0, maxLength: 3 }),
  });
  const sep = fc.constantFrom(' ', '  ', '-', ' - ', '\t');
  const pad = fc.constantFrom('', ' ', '   ');

  it('matches the name typed given names first, in any case, with hyphens and stray spaces', () => {
    fc.assert(
      fc.property(name, fc.array(sep, { minLength: 6, maxLength: 6 }), pad, pad, fc.boolean(), ({ surname, given }, seps, lead, trail, lower) => {
        const registered = [...surname, ...given].join(' ');
        const words = [...given, ...surname].map((w) => (lower ? w.toLowerCase() : w));
        const typed = lead + words.map((w, i) => (i === 0 ? w : seps[i % seps.length] + w)).join('') + trail;
        expect(namesMatch(typed, registered)).toBe(true);
      }),
    );
  });

  it('never matches with a word left out', () => {
    fc.assert(
      fc.property(name, fc.nat(), ({ surname, given }, drop) => {
        const words = [...surname, ...given];
        fc.pre(words.length >= 2);
        const typed = words.filter((_, i) => i !== drop % words.length).join(' ');
        expect(namesMatch(typed, words.join(' '))).toBe(false);
      }),
    );
  });

  it('normalises idempotently', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        const once = normaliseRegistryName(s);
        expect(normaliseRegistryName(once)).toBe(once);
      }),
    );
    // Found by a full scan of code points: upper-casing these leaves a string that is not NFC.
    for (const s of ['\u0390', '\u03b0', '\u1fd3']) expect(normaliseRegistryName(normaliseRegistryName(s))).toBe(normaliseRegistryName(s));
  });
});

describe('checkEnteredName', () => {
  it.each([
    ['  anna-marie lee smith ', 'ANNA MARIE LEE SMITH'],
    ["O'Neil Mary", 'ONEIL MARY'],
    ['Nguyễn Văn An', 'NGUYỄN VĂN AN'],
    ['Jose\u0301', 'JOSÉ'],
    ['张三', '张三'],
    ['买买提·艾力', '买买提·艾力'],
    ['A'.repeat(MAX_NAME_LENGTH), 'A'.repeat(MAX_NAME_LENGTH)],
  ])('accepts %j as %j', (name, normalised) => {
    expect(checkEnteredName(name)).toEqual({ ok: true, name: normalised });
  });

  const refused: [string, NameProblemCode][] = [
    ['', 'name-missing'],
    ['   ', 'name-missing'],
    [' - ', 'name-missing'],
    ['A'.repeat(MAX_NAME_LENGTH + 1), 'name-too-long'],
    ['张'.repeat(MAX_NAME_LENGTH + 1), 'name-too-long'],
    ['Anna 2', 'name-digits'],
    ['张三４', 'name-digits'],
    ['Anna ٣', 'name-digits'],
    ['Иван Петров', 'name-script'],
    ['김민준', 'name-script'],
    ['やまだ はなこ', 'name-script'],
    ['Ivan Петров', 'name-script'],
    ['Anna!', 'name-symbols'],
    ['Anna_Lee', 'name-symbols'],
    ['J.R. Smith', 'name-symbols'],
    ['Anna·Lee', 'name-symbols'],
    ['Anna 😀', 'name-symbols'],
    ['·张三', 'name-symbols'],
    ['张三·', 'name-symbols'],
    ['张··三', 'name-symbols'],
    ['张San', 'name-mixed-scripts'],
    ['Lee 小明', 'name-mixed-scripts'],
  ];
  it.each(refused)('refuses %j: %s', (name, problem) => {
    expect(checkEnteredName(name)).toEqual({ ok: false, field: 'name', problem });
  });

  it('tests every problem code above', () => {
    expect([...new Set(refused.map((row) => row[1]))].sort()).toEqual([...NAME_PROBLEMS].sort());
  });
});
