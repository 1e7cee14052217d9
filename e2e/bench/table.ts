// Benchmark rows and the table they print as. A benchmark measures; it never passes or fails.

export interface BenchRow {
  what: string;
  result: string;
  budget?: string;
  note?: string;
}

export function printTable(rows: BenchRow[]): void {
  const cols = ['what', 'result', 'budget', 'note'] as const;
  const width = cols.map((c) => Math.max(c.length, ...rows.map((r) => (r[c] ?? '').length)));
  const line = (cells: string[]) => `| ${cells.map((s, i) => s.padEnd(width[i]!)).join(' | ')} |`;
  console.log(line([...cols]));
  console.log(`|${width.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const r of rows) console.log(line(cols.map((c) => r[c] ?? '')));
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

export function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
}

export const fmt = (n: number, digits = 0): string => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
