// `npm run bench`: measures everything DESIGN.md's performance budget names and prints one
// table. It is a benchmark, not a test: it reports numbers and never fails on a budget.

import globalSetup from '../global-setup.js';
import { TestServer } from '../support/server.js';
import { benchBrowser } from './browser.js';
import { benchCrypto } from './crypto.js';
import { benchDecoders } from './decoders.js';
import { benchHolderFamily } from './holder-family.js';
import { benchImport } from './import.js';
import { benchMerge } from './merge.js';
import { benchPeak, benchTwoProcesses } from './peak.js';
import { benchStats } from './stats.js';
import { benchSync } from './sync.js';
import { fmt, printTable, type BenchRow } from './table.js';

const PG_URL = process.env.TEST_DATABASE_URL ?? process.env.BENCH_DATABASE_URL;
/** `BENCH_ONLY=peak,import npm run bench` runs only the sections whose names contain one of the words. */
const ONLY = (process.env.BENCH_ONLY ?? '').split(',').map((w) => w.trim()).filter(Boolean);
const selected = (name: string): boolean => ONLY.length === 0 || ONLY.some((w) => name.includes(w));

async function section(name: string, rows: BenchRow[], fn: () => Promise<BenchRow[]>): Promise<void> {
  if (!selected(name)) return;
  process.stderr.write(`bench: ${name}…\n`);
  try {
    rows.push(...(await fn()));
  } catch (e) {
    rows.push({ what: name, result: 'FAILED', note: e instanceof Error ? e.message.split('\n')[0]! : String(e) });
  }
}

async function main(): Promise<void> {
  const rows: BenchRow[] = [];
  await section('crypto', rows, () => benchCrypto());
  await section('merge', rows, () => benchMerge(PG_URL));
  await section('venue statistics', rows, () => benchStats(PG_URL));
  await section('status feed import', rows, () => benchImport(PG_URL));
  await section('decoders', rows, async () =>
    (await benchDecoders())
      // The full per-class breakdown prints with `npx tsx e2e/bench/decoders.ts`; the table keeps
      // the totals, the small-in-frame classes and the live camera.
      .filter((d) => /all frame|2\.5 px|3 px\/module$|camera|start|not available/.test(d.frameClass))
      .map((d) => ({
        what: `decode: ${d.candidate} · ${d.frameClass}`,
        result: d.frames ? `${fmt(d.successRate * 100)}% (${d.decoded}/${d.frames}), median ${fmt(d.medianMs, 1)} ms` : 'n/a',
        budget: /live presentation/.test(d.frameClass)
          ? 'success ≥ plain, ≤ 1.5× plain'
          : /frame → text/.test(d.frameClass)
            ? '≤ 100 ms median'
            : /px/.test(d.frameClass)
              ? 'decodes ≤ 3 px/module'
              : '',
        note: d.frames ? `p95 ${fmt(d.p95Ms, 1)} ms` : (d.note ?? ''),
      })),
  );

  const served = ([
    ['browser', benchBrowser],
    ['sync over HTTP', benchSync],
    // The holder's code page with the family switch (issue 7): its JS, and the cached code offline at 4× CPU.
    ['holder with family', benchHolderFamily],
  ] as const).filter(([name]) => selected(name));
  if (served.length > 0 || selected('peak hours')) {
    process.stderr.write('bench: building the app…\n');
    globalSetup();
  }
  // One server each: the HTTP sync numbers are not measured on a database the browser bench
  // already filled, and each signs the inspector in once (a second SMS code within 60 s is refused).
  for (const [name, fn] of served) {
    const server = await TestServer.create({ database: `bench-${name.replace(/\W+/g, '-')}` });
    server.cli('seed');
    await server.start();
    try {
      await section(name, rows, () => fn(server));
    } finally {
      await server.stop();
    }
  }
  // Production servers of its own: no response-schema checks, the production headers and cookie.
  await section('peak hours', rows, () => benchPeak());
  if (PG_URL) await section('two processes on PostgreSQL', rows, () => benchTwoProcesses(PG_URL));
  printTable(rows);
}

await main();
