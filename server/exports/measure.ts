// Time and peak memory of the CSV and XLSX writers, each run in a fresh process so one's garbage
// is not the other's baseline. `npx tsx server/exports/measure.ts [rows…]` (default 365 and 1,000,000).
// The reader drains as fast as it can, like a client on a fast network.

import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { csvStream } from './csv.js';
import type { ExportTable } from './table.js';
import { xlsxStream } from './xlsx.js';

interface DailyCounts {
  day: string;
  venue: string;
  scanned: number;
  fever: number;
  green: number;
  maxTemp: number;
}

const table: ExportTable<DailyCounts> = {
  name: { 'zh-CN': '每日统计', en: 'Daily counts' },
  columns: [
    { key: 'day', type: 'date', header: { 'zh-CN': '日期', en: 'Date' } },
    { key: 'venue', type: 'text', header: { 'zh-CN': '场所', en: 'Venue' } },
    { key: 'scanned', type: 'integer', header: { 'zh-CN': '扫码人数', en: 'Scanned' } },
    { key: 'fever', type: 'integer', header: { 'zh-CN': '发热人数', en: 'Fever' } },
    { key: 'green', type: 'integer', header: { 'zh-CN': '绿码人数', en: 'Green' } },
    { key: 'maxTemp', type: 'decimal', fractionDigits: 1, header: { 'zh-CN': '最高体温', en: 'Max temperature' } },
  ],
};

async function* dailyRows(count: number): AsyncGenerator<DailyCounts> {
  const start = Date.UTC(2020, 0, 1);
  for (let i = 0; i < count; i++) {
    const day = new Date(start + (i % 3650) * 86_400_000).toISOString().slice(0, 10);
    yield { day, venue: `示范商场 ${i % 97} 号门`, scanned: 1000 + (i % 5000), fever: i % 13, green: 990 + (i % 4990), maxTemp: 36 + (i % 25) / 10 };
  }
}

interface Result {
  format: string;
  rows: number;
  ms: number;
  bytes: number;
  peakRssMB: number;
  peakHeapMB: number;
}

async function measureOne(format: 'csv' | 'xlsx', rows: number): Promise<Result> {
  const write = format === 'csv' ? csvStream : xlsxStream;
  // Warm up (module code, JIT) before the baseline, so it is not counted as the export's memory.
  for await (const _ of write(table, dailyRows(1000), 'zh-CN'));
  globalThis.gc?.();
  const base = process.memoryUsage();
  let peakRss = 0;
  let peakHeap = 0;
  const sample = (): void => {
    const m = process.memoryUsage();
    peakRss = Math.max(peakRss, m.rss - base.rss);
    peakHeap = Math.max(peakHeap, m.heapUsed + m.arrayBuffers - base.heapUsed - base.arrayBuffers);
  };
  const timer = setInterval(sample, 10);
  const started = performance.now();
  let bytes = 0;
  let chunks = 0;
  for await (const chunk of write(table, dailyRows(rows), 'zh-CN')) {
    bytes += chunk.byteLength;
    if (++chunks % 16 === 0) sample();
  }
  const ms = performance.now() - started;
  clearInterval(timer);
  sample();
  const mb = (n: number): number => Math.round(n / 1e5) / 10;
  return { format, rows, ms: Math.round(ms), bytes, peakRssMB: mb(peakRss), peakHeapMB: mb(peakHeap) };
}

const [mode, format, rows] = process.argv.slice(2);
if (mode === '--one' && (format === 'csv' || format === 'xlsx')) {
  console.log(JSON.stringify(await measureOne(format, Number(rows))));
} else {
  const counts = process.argv.slice(2).map(Number).filter((n) => n > 0);
  const self = fileURLToPath(import.meta.url);
  console.log('format  rows       time      size        peak RSS growth  peak heap growth');
  for (const n of counts.length > 0 ? counts : [365, 1_000_000]) {
    for (const f of ['csv', 'xlsx']) {
      const out = execFileSync(process.execPath, ['--expose-gc', '--import', 'tsx', self, '--one', f, String(n)], { encoding: 'utf8' });
      const r = JSON.parse(out.trim().split('\n').pop() ?? '{}') as Result;
      console.log(
        `${r.format.padEnd(7)} ${String(r.rows).padEnd(10)} ${`${r.ms} ms`.padEnd(9)} ${`${(r.bytes / 1e6).toFixed(2)} MB`.padEnd(11)} ${`${r.peakRssMB} MB`.padEnd(16)} ${r.peakHeapMB} MB`,
      );
    }
  }
}
