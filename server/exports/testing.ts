// Test fixtures for the export writers: a table with every column type, awkward rows, and row
// sources that can be held back or counted, to show the streams stream.

import type { ExportTable } from './table.js';

export interface DailyRow {
  day: string | null;
  venue: string | null;
  scanned: number | null;
  fever: number | null;
  maxTemp: number | null;
}

export const dailyTable: ExportTable<DailyRow> = {
  name: { 'zh-CN': '每日统计', en: 'Daily counts' },
  columns: [
    { key: 'day', type: 'date', header: { 'zh-CN': '日期', en: 'Date' } },
    { key: 'venue', type: 'text', header: { 'zh-CN': '场所', en: 'Venue' } },
    { key: 'scanned', type: 'integer', header: { 'zh-CN': '扫码人数', en: 'Scanned' } },
    { key: 'fever', type: 'integer', header: { 'zh-CN': '发热人数', en: 'Fever' } },
    { key: 'maxTemp', type: 'decimal', fractionDigits: 1, header: { 'zh-CN': '最高体温 (°C)', en: 'Max temperature (°C)' } },
  ],
};

/** Rows a naive writer gets wrong: quoting, line breaks, formulas, negative numbers, empty cells. */
export const awkwardRows: DailyRow[] = [
  { day: '2024-05-01', venue: '示范商场', scanned: 1203, fever: 2, maxTemp: 38.25 },
  { day: '2024-02-29', venue: 'Mall, "North" gate', scanned: 0, fever: 0, maxTemp: 36 },
  { day: '2023-12-31', venue: '第一行\n第二行\r\n第三行', scanned: -5, fever: null, maxTemp: -0.04 },
  { day: '2024-01-01', venue: "=cmd|' /C calc'!A0", scanned: 7, fever: 1, maxTemp: 37.3 },
  { day: '2024-01-02', venue: '+1+1', scanned: 1, fever: 0, maxTemp: null },
  { day: '2024-01-03', venue: '-2+3', scanned: 2, fever: 0, maxTemp: 36.6 },
  { day: '2024-01-04', venue: '@SUM(A1:A2)', scanned: 3, fever: 0, maxTemp: 36.6 },
  { day: '2024-01-05', venue: '\t=1+1', scanned: 4, fever: 0, maxTemp: 36.6 },
  { day: '2024-01-06', venue: '\r=1+1', scanned: 5, fever: 0, maxTemp: 36.6 },
  { day: '2024-01-07', venue: '＝1+1', scanned: 6, fever: 0, maxTemp: 36.6 },
  { day: null, venue: '', scanned: null, fever: null, maxTemp: null },
  { day: '2024-01-08', venue: ' spaces kept  ', scanned: 8, fever: 0, maxTemp: 36.6 },
  { day: '2024-01-09', venue: 'a=b, 1+1 in the middle is fine', scanned: 9, fever: 0, maxTemp: 36.6 },
];

/** The venue cells as a spreadsheet must show them: formula starts behind an apostrophe, the rest untouched. */
export const awkwardVenuesShown = [
  '示范商场',
  'Mall, "North" gate',
  '第一行\n第二行\r\n第三行',
  "'=cmd|' /C calc'!A0",
  "'+1+1",
  "'-2+3",
  "'@SUM(A1:A2)",
  "'\t=1+1",
  "'\r=1+1",
  "'＝1+1",
  '',
  ' spaces kept  ',
  'a=b, 1+1 in the middle is fine',
];

/** Varied text so that compression cannot hide whether rows are flowing. */
export function busyRow(i: number): DailyRow {
  const noise = ((i * 2654435761) >>> 0).toString(36);
  return { day: '2024-01-01', venue: `场所 ${i} ${noise} ${noise.split('').reverse().join('')}`, scanned: i, fever: i % 7, maxTemp: 36 + (i % 30) / 10 };
}

/** `count` busy rows, then waits for `release()` before one last row; `produced` counts rows handed out. */
export function heldBackRows(count: number) {
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  const state = { produced: 0, finished: false, ended: false };
  async function* rows(): AsyncGenerator<DailyRow> {
    try {
      for (let i = 0; i < count; i++) {
        state.produced += 1;
        yield busyRow(i);
      }
      await gate;
      state.produced += 1;
      yield { ...busyRow(count), venue: 'LAST ROW' };
      state.finished = true;
    } finally {
      state.ended = true;
    }
  }
  return { rows: rows(), release, state };
}

/** Rows for ever, counting how many were asked for: a stream that reads ahead without limit never stops. */
export function endlessRows() {
  const state = { produced: 0, ended: false };
  async function* rows(): AsyncGenerator<DailyRow> {
    try {
      for (;;) {
        state.produced += 1;
        yield busyRow(state.produced);
      }
    } finally {
      state.ended = true;
    }
  }
  return { rows: rows(), state };
}

/**
 * Waits until `count()` stops growing for `quietMs` (buffers along the way fill first), or fails
 * after `maxMs`: a stream that reads ahead without limit never goes quiet.
 */
export async function untilStalled(count: () => number, quietMs = 300, maxMs = 10_000): Promise<number> {
  const started = Date.now();
  let last = count();
  for (;;) {
    await sleep(quietMs);
    const now = count();
    if (now === last) return now;
    if (Date.now() - started > maxMs) throw new Error(`still producing after ${maxMs} ms (${now} rows)`);
    last = now;
  }
}

/** Reads chunks until the text so far contains `needle`; fails after `maxMs` or at the end of the stream. */
export async function readUntil(reader: ReadableStreamDefaultReader<Uint8Array>, needle: string, maxMs = 5_000): Promise<string> {
  const decoder = new TextDecoder();
  let text = '';
  while (!text.includes(needle)) {
    const next = await within(reader.read(), maxMs);
    if (next === 'timeout' || next.done) throw new Error(`"${needle}" did not arrive (${next === 'timeout' ? 'timeout' : 'end of stream'})`);
    text += decoder.decode(next.value, { stream: true });
  }
  return text;
}

export async function readAll(stream: ReadableStream<Uint8Array>): Promise<Buffer> {
  const parts: Uint8Array[] = [];
  const reader = stream.getReader();
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return Buffer.concat(parts);
    parts.push(value);
  }
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Resolves with the promise's value, or with 'timeout' if it takes longer than `ms`. */
export function within<T>(promise: Promise<T>, ms: number): Promise<T | 'timeout'> {
  return Promise.race([promise, sleep(ms).then(() => 'timeout' as const)]);
}
