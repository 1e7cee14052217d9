// Name rules: how a name is normalised before storage, and masked before it goes into a code.
// A code carries only the masked name: enough for an inspector to match a face, no more.

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
