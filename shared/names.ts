// Name rules: how a name is normalised before storage, masked before it goes into a code (a code
// carries only the masked name: enough to match a face), and matched against the identity registry.

import { foldFullWidth } from './documents.js';

const CJK = /[\u3400-\u9fff\uf900-\ufaff\u{20000}-\u{2ffff}]/u;
const MAX_WORDS = 6;

/** NFC, trimmed, inner whitespace collapsed. */
export function normaliseName(name: string): string {
  return name.normalize('NFC').trim().replace(/\s+/gu, ' ');
}

/**
 * 张三 → *三, 张小明 → 张*明, 买买提·艾力 → 买*力; Maria Garcia Lopez → M* G* L*.
 * Latin names keep one initial per word, at most six words.
 */
export function maskName(name: string): string {
  const n = normaliseName(name);
  const chars = [...n];
  if (chars.length === 0) return '';
  if (CJK.test(n)) {
    const letters = chars.filter((c) => c !== ' ' && c !== '·' && c !== '•');
    if (letters.length <= 1) return '*';
    if (letters.length === 2) return `*${letters[1]}`;
    return `${letters[0]}*${letters[letters.length - 1]}`;
  }
  return n
    .split(/[\s·•-]+/u)
    .filter(Boolean)
    .slice(0, MAX_WORDS)
    .map((w) => `${[...w][0]!.toUpperCase()}*`)
    .join(' ');
}

// Registry names: the rules travellers are given for typing the name on their document, so that
// what they type meets what the entry manifest holds. Latin names: capitals, surname first, spaces
// at the ends ignored, inner spaces kept, a hyphen read as a space; if that fails, the other order.

/** The longest name accepted, in characters: ICAO's visual zone allows long names, forms do not. */
export const MAX_NAME_LENGTH = 64;

const HAN = /\p{Script=Han}/u;
const LATIN = /\p{Script=Latin}/u;
// Middle dots people type for 买买提·艾力: bullet, katakana, hyphenation point, operators; in a Han
// name a full stop too (full-width forms are folded to ASCII first).
const MIDDLE_DOTS = /[\u00b7\u2022\u2027\u30fb\uff65\u2219\u22c5]/gu;
// The apostrophe family is dropped, as ICAO 9303 does in the machine-readable zone (O'NEIL → ONEIL).
const APOSTROPHES = /['\u2018\u2019\u02bc`\u00b4]/gu;
// Hyphens and dashes read as spaces, and so does a comma ("LEE, ANNA" is surname-first too).
const SEPARATORS = /[-\u2010-\u2015\u2212,\uff0c\u3001]/gu;

/**
 * The form in which names are compared and stored in the identity registry: NFC, trimmed, Latin
 * letters in capitals, hyphens as spaces, one space between words. A Han name keeps its middle dot
 * (one kind of dot) and loses spaces, which mean nothing between Han characters.
 */
export function normaliseRegistryName(name: string): string {
  const s = foldFullWidth(name.normalize('NFC'))
    .replace(MIDDLE_DOTS, '·')
    .replace(APOSTROPHES, '')
    .replace(SEPARATORS, ' ')
    .toUpperCase()
    // Upper-casing can leave a sequence NFC would compose (Greek ΐ → Ϊ́): normalise again.
    .normalize('NFC')
    .replace(/\s+/gu, ' ')
    .trim();
  return HAN.test(s) ? s.replace(/ /gu, '').replace(/\./gu, '·') : s;
}

/** Diacritics off, for comparing a typed JOSÉ with a machine-readable JOSE. */
function withoutMarks(s: string): string {
  return s.normalize('NFD').replace(/\p{M}/gu, '').normalize('NFC');
}

/**
 * Whether a typed name is the registered one. Equal normalised forms match. A Latin name also
 * matches without diacritics and in the other order: given names first, where the surname may be
 * several words, so every rotation of the words is tried (ANNA MARIE LEE SMITH → LEE SMITH ANNA MARIE).
 */
export function namesMatch(entered: string, registered: string): boolean {
  const a = normaliseRegistryName(entered);
  const b = normaliseRegistryName(registered);
  if (a === '' || b === '') return false;
  if (a === b) return true;
  if (HAN.test(a) || HAN.test(b)) return false;
  const plainA = withoutMarks(a);
  const plainB = withoutMarks(b);
  if (plainA === plainB) return true;
  const words = plainA.split(' ');
  for (let k = 1; k < words.length; k++) {
    if ([...words.slice(-k), ...words.slice(0, -k)].join(' ') === plainB) return true;
  }
  return false;
}

export const NAME_PROBLEMS = [
  'name-missing',
  'name-too-long',
  'name-digits',
  'name-script',
  'name-symbols',
  'name-mixed-scripts',
] as const;
export type NameProblemCode = (typeof NAME_PROBLEMS)[number];
export interface NameProblem {
  field: 'name';
  problem: NameProblemCode;
}
export type NameCheck = { ok: true; name: string } | ({ ok: false } & NameProblem);

/**
 * Checks a name as a person typed it: Latin letters (with diacritics) or Han characters, not both.
 * Returns the registry form, or the first broken rule so the page can say what to fix.
 */
export function checkEnteredName(name: string): NameCheck {
  const n = normaliseRegistryName(name);
  const fail = (problem: NameProblemCode): NameCheck => ({ ok: false, field: 'name', problem });
  if (n === '') return fail('name-missing');
  if ([...n].length > MAX_NAME_LENGTH) return fail('name-too-long');
  if (/\p{N}/u.test(n)) return fail('name-digits');
  if (/[^\p{Script=Latin}\p{Script=Han}\p{M}\p{Script=Common}\p{Script=Inherited}]/u.test(n)) {
    return fail('name-script');
  }
  const han = HAN.test(n);
  const latin = LATIN.test(n);
  if (han && latin) return fail('name-mixed-scripts');
  // Left over now: letters of the two scripts, marks, spaces, and (for a Han name) middle dots.
  const letter = han ? '\\p{Script=Han}' : '\\p{Script=Latin}\\p{M}';
  const shape = han ? `^[${letter}]+(?:·[${letter}]+)*$` : `^[${letter}]+(?: [${letter}]+)*$`;
  if (!new RegExp(shape, 'u').test(n)) return fail('name-symbols');
  return { ok: true, name: n };
}
