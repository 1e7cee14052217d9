// Venue statistics with 1,000,000 synced records over a year (≈ 2,740 a day, 6 inspectors): the
// dashboard query for the whole year and for today, and the export of 365 daily rows as CSV and
// XLSX with the stream's peak memory — on SQLite and PostgreSQL. Records (one in 13 a sunflower
// check-in) are inserted straight into the store (the merge has its own bench); each day is marked
// changed as a merge would.
// Alone: `npx tsx e2e/bench/stats.ts` (TEST_DATABASE_URL adds PostgreSQL; BENCH_STATS_RECORDS to scale).

import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { AGE_BANDS } from '../../shared/documents.js';
import { localDay } from '../../shared/time.js';
import { userActor } from '../../server/auth/actor.js';
import { StatsExport } from '../../server/stats/export.js';
import { DayRecounter } from '../../server/stats/recounter.js';
import { StatsService } from '../../server/stats/service.js';
import { connect } from '../../server/store/connect.js';
import type { NewCheckin } from '../../server/store/checkins.js';
import type { CheckpointRow } from '../../server/store/records.js';
import { createStore, type Store } from '../../server/store/store.js';
import { fmt, median, printTable, type BenchRow } from './table.js';

const N = Number(process.env.BENCH_STATS_RECORDS ?? 1_000_000);
const DAYS = 365;
const CHUNK = 1_000;
const VENUE = 'bench-venue';
const ZONE = 'Asia/Shanghai';
const DAY_MS = 86_400_000;
const ADMIN = userActor('bench-admin', 'admin', null);

/** Inserts N records spread over the last DAYS days (today included), as the merge would store them. */
async function fill(store: Store, now: number): Promise<{ from: string; to: string; ms: number }> {
  const today = localDay(now, ZONE);
  const todayStart = Date.parse(`${today}T00:00:00+08:00`);
  const perDay = N / DAYS;
  const started = performance.now();
  let seq = 0;
  let rows: CheckpointRow[] = [];
  let checkins: NewCheckin[] = [];
  const days = new Set<string>();
  for (let i = 0; i < N; i++) {
    const index = Math.floor(i / perDay);
    const d = DAYS - 1 - index; // oldest first
    const within = i - Math.ceil(index * perDay);
    const hour = 7 + Math.floor((within / perDay) * 15); // 07:00–21:59
    const at = Math.min(now - 1000, todayStart - d * DAY_MS + hour * 3_600_000 + (within % 3600) * 1000 + 1);
    const day = localDay(at, ZONE);
    days.add(day);
    seq += 1;
    // Every 40th record re-scans the person before it (a superseded record).
    const person = i % 40 === 39 ? i - 1 : i;
    // Every 13th is a visitor's sunflower check-in, stored as the check-in service stores it.
    if (i % 13 === 0) {
      checkins.push({
        id: `c${String(i).padStart(8, '0')}`,
        user_id: `u${person}`,
        sub: `p${person}`,
        venue_id: VENUE,
        inspector_tag: 'BENCH2',
        inspector_id: `insp-${i % 6}`,
        day,
        hour: new Date(at + 8 * 3_600_000).getUTCHours(),
        sex: i % 7 === 0 ? null : i % 2 ? 'male' : 'female',
        age_band: i % 9 === 0 ? null : AGE_BANDS[i % AGE_BANDS.length]!,
        status: i % 211 === 0 ? 'red' : 'green',
        captured_at: at,
        received_at: now,
        code_kid: 'bench',
      });
      if (checkins.length === CHUNK) {
        await store.checkins.insertMany(checkins);
        checkins = [];
      }
      continue;
    }
    rows.push({
      id: `r${String(i).padStart(8, '0')}`,
      device_id: `dev-${i % 6}`,
      seq,
      batch_id: 'bench',
      venue_id: VENUE,
      inspector_id: `insp-${i % 6}`,
      code: 'HG1:BENCH',
      sub: `p${person}`,
      temperature: i % 97 === 0 ? 38.1 : 36.5,
      client_verdict: 'green',
      server_verdict: i % 211 === 0 ? 'red' : 'green',
      captured_at: at,
      received_at: now,
      day,
      hour: new Date(at + 8 * 3_600_000).getUTCHours(),
      sex: i % 7 === 0 ? null : i % 2 ? 'male' : 'female',
      age_band: i % 9 === 0 ? null : AGE_BANDS[i % AGE_BANDS.length]!,
      supersedes: null,
      content_hash: 'h',
      flags: '',
      clock_skew_ms: 0,
    });
    if (rows.length === CHUNK) {
      await store.records.insertRecords(rows);
      rows = [];
    }
  }
  if (rows.length > 0) await store.records.insertRecords(rows);
  if (checkins.length > 0) await store.checkins.insertMany(checkins);
  await store.stats.markDaysChanged([...days].map((day) => ({ venueId: VENUE, day })));
  const sorted = [...days].sort();
  return { from: sorted[0]!, to: sorted[sorted.length - 1]!, ms: performance.now() - started };
}

/** Reads a stream to its end, sampling memory growth over a baseline taken just before. */
async function drain(body: ReadableStream<Uint8Array>): Promise<{ ms: number; bytes: number; peakMB: number }> {
  globalThis.gc?.();
  const base = process.memoryUsage();
  let peak = 0;
  const sample = (): void => {
    const m = process.memoryUsage();
    peak = Math.max(peak, m.heapUsed + m.arrayBuffers - base.heapUsed - base.arrayBuffers, m.rss - base.rss);
  };
  const timer = setInterval(sample, 5);
  const started = performance.now();
  let bytes = 0;
  const reader = body.getReader();
  for (let r = await reader.read(); !r.done; r = await reader.read()) bytes += r.value.byteLength;
  const ms = performance.now() - started;
  clearInterval(timer);
  sample();
  return { ms, bytes, peakMB: peak / 1e6 };
}

async function runOn(label: string, url: string, schema?: string): Promise<BenchRow[]> {
  const dir = mkdtempSync(join(tmpdir(), 'hg-bench-stats-'));
  const store = createStore(await connect({ url: url === 'sqlite' ? join(dir, 'stats.sqlite') : url, ...(schema ? { schema } : {}) }));
  try {
    const now = Date.now();
    await store.venues.createVenue({ id: VENUE, name: '压测商场 Bench Mall', created_at: now });
    const stats = new StatsService(store, () => now);
    const exports = new StatsExport(store, stats, () => now);
    process.stderr.write(`bench: stats, ${label}: inserting ${fmt(N)} records…\n`);
    const { from, to, ms: fillMs } = await fill(store, now);
    const today = to;

    // Cold: every day was just marked changed, so the first query counts the whole year.
    let t = performance.now();
    await stats.venueStats(ADMIN, VENUE, from, to);
    const coldMs = performance.now() - t;
    const coldLoad = loadavg()[0]!;

    // A day changed by a merge, counted again by the recounter (off the request path), as after a sync.
    const recounter = new DayRecounter(stats, { delayMs: 'manual' });
    const recount: number[] = [];
    for (let i = 0; i < 5; i++) {
      await store.stats.markDaysChanged([{ venueId: VENUE, day: today }]);
      recounter.changed([{ venueId: VENUE, day: today }]);
      t = performance.now();
      await recounter.flush();
      recount.push(performance.now() - t);
    }

    // The dashboard as managers meet it: every day current (the recounter has run), precomputed rows read.
    const year: number[] = [];
    const yearCpu: number[] = [];
    const day: number[] = [];
    const yearLoad: number[] = [];
    for (let i = 0; i < 9; i++) {
      yearLoad.push(loadavg()[0]!);
      t = performance.now();
      const cpu = process.cpuUsage();
      const answer = await stats.venueStats(ADMIN, VENUE, from, to, '12:00');
      year.push(performance.now() - t);
      const used = process.cpuUsage(cpu);
      yearCpu.push((used.user + used.system) / 1000);
      if (answer.days.length !== DAYS) throw new Error(`expected ${DAYS} days, got ${answer.days.length}`);
      t = performance.now();
      await stats.venueStats(ADMIN, VENUE, today, today, '12:00');
      day.push(performance.now() - t);
    }
    // Within the moment between a merge and its recount: today is behind, so the read counts it itself.
    const staleYear: number[] = [];
    for (let i = 0; i < 5; i++) {
      await store.stats.markDaysChanged([{ venueId: VENUE, day: today }]);
      t = performance.now();
      await stats.venueStats(ADMIN, VENUE, from, to, '12:00');
      staleYear.push(performance.now() - t);
    }

    const files: { format: 'csv' | 'xlsx'; ms: number[]; bytes: number; peakMB: number[] }[] = [];
    for (const format of ['csv', 'xlsx'] as const) {
      const f = { format, ms: [] as number[], bytes: 0, peakMB: [] as number[] };
      for (let i = 0; i < 5; i++) {
        t = performance.now();
        const file = await exports.dailyCounts(ADMIN, VENUE, from, to, format, 'zh-CN');
        const d = await drain(file.body);
        f.ms.push(performance.now() - t);
        f.bytes = d.bytes;
        f.peakMB.push(d.peakMB);
      }
      files.push(f);
    }
    const endLoad = loadavg()[0]!;

    const note = `${fmt(N)} records (1 in 13 a check-in), ${DAYS} days, ${fmt(N / DAYS)} a day; loaded in ${fmt(fillMs / 1000, 1)} s`;
    const load = `load average ${fmt(Math.min(...yearLoad), 1)}–${fmt(Math.max(...yearLoad, endLoad), 1)}`;
    return [
      {
        what: `stats: dashboard, 365-day range, ${label}`,
        result: `median ${fmt(median(year), 1)} ms (fastest ${fmt(Math.min(...year), 1)} ms)`,
        budget: '≤ 200 ms',
        note: `${note}; every day current (precomputed rows read); this process's CPU per query: median ${fmt(median(yearCpu), 1)} ms; ${load}`,
      },
      { what: `stats: dashboard, today only, ${label}`, result: `median ${fmt(median(day), 1)} ms`, budget: '≤ 200 ms', note: `every day current; ${load}` },
      {
        what: `stats: dashboard, 365-day range, today not yet recounted, ${label}`,
        result: `median ${fmt(median(staleYear), 1)} ms`,
        budget: '≤ 200 ms',
        note: `a merge landed since the recounter last ran: the read counts today itself; ${load}`,
      },
      { what: `stats: recount of one day after a merge, ${label}`, result: `median ${fmt(median(recount), 1)} ms`, budget: '(off the request path)', note: `the recounter's work per changed day; ${load}` },
      { what: `stats: first query after loading a year, ${label}`, result: `${fmt(coldMs, 0)} ms`, budget: '(one-off)', note: `all 365 days counted from the records; load average ${fmt(coldLoad, 1)}` },
      ...files.map((f) => ({
        what: `stats: export ${f.format.toUpperCase()} of 365 daily rows, ${label}`,
        result: `median ${fmt(median(f.ms), 1)} ms, peak +${fmt(Math.max(...f.peakMB), 1)} MB`,
        budget: '≤ 1 s, ≤ 50 MB',
        note: `${fmt(f.bytes / 1024, 1)} KB; audited; every day current; ${load}`,
      })),
    ];
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function benchStats(postgresUrl: string | undefined): Promise<BenchRow[]> {
  const rows = await runOn('SQLite', 'sqlite');
  if (!postgresUrl) return [...rows, { what: 'stats, PostgreSQL', result: 'skipped', note: 'set TEST_DATABASE_URL' }];
  const schema = `bench_stats_${Date.now().toString(36)}`;
  try {
    rows.push(...(await runOn('PostgreSQL', postgresUrl, schema)));
  } finally {
    const client = new pg.Client({ connectionString: postgresUrl });
    await client.connect();
    await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await client.end();
  }
  return rows;
}

if (process.argv[1]?.endsWith('stats.ts')) printTable(await benchStats(process.env.TEST_DATABASE_URL));
