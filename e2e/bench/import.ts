// Status-feed import throughput, in process, through the same ImportService the CLI, the console
// and the feed API use: a 1,000,000-row key-population CSV, generated as a stream (never whole in
// memory), validated row by row, written in one transaction, then the rules run for the people it
// names, producing the red-list delta (a tenth of them hold a printed code, revoked and listed too).
// On SQLite and on PostgreSQL. Memory is sampled throughout:
// streamed parsing should keep it flat, whatever the file's size.

import { mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql, type Kysely } from 'kysely';
import pg from 'pg';
import type { OperatorActor } from '../../server/auth/actor.js';
import { loadConfig } from '../../server/config.js';
import { buildServices } from '../../server/main.js';
import { connect } from '../../server/store/connect.js';
import { createStore } from '../../server/store/store.js';
import { fmt, type BenchRow } from './table.js';

const ROWS = Number(process.env.BENCH_IMPORT_ROWS ?? 1_000_000);
/** People registered with a document number; the feed names the first MATCHED of them. */
const PEOPLE = 100_000;
const MATCHED = Number(process.env.BENCH_IMPORT_MATCHED ?? 10_000);
const LINES_PER_CHUNK = 2000;
/** A directory: write a V8 CPU profile of the import alone (not the set-up) there, one per engine. */
const PROFILE_DIR = process.env.BENCH_IMPORT_CPUPROF;

const doc = (i: number) => `E${String(i).padStart(8, '0')}`;

/** The CSV as a byte stream: a header, then ROWS close-contact rows, made as they are read. */
async function* feedFile(today: string): AsyncGenerator<Uint8Array> {
  const enc = new TextEncoder();
  yield enc.encode('documentType,documentNumber,category,startDate,endDate,sourceNote\n');
  for (let i = 0; i < ROWS; i += LINES_PER_CHUNK) {
    let chunk = '';
    for (let j = i; j < Math.min(ROWS, i + LINES_PER_CHUNK); j++) {
      // The first MATCHED rows name registered people; the rest name people not (yet) registered here.
      const n = j < MATCHED ? j : PEOPLE + j;
      chunk += `passport,${doc(n)},close-contact,${today},,流调批次 ${Math.floor(j / 1000)}\n`;
    }
    yield enc.encode(chunk);
  }
}

/**
 * CPU seconds so far of the PostgreSQL backends serving this process (Linux /proc; found by the
 * client ports of this process's own sockets), by backend pid. The server's share of an import.
 */
async function ownBackendsCpu(db: Kysely<unknown>): Promise<Map<number, number>> {
  const out = new Map<number, number>();
  try {
    const inodes = new Set<string>();
    for (const fd of readdirSync('/proc/self/fd')) {
      const m = /^socket:\[(\d+)\]$/.exec((() => { try { return readlinkSync(`/proc/self/fd/${fd}`); } catch { return ''; } })());
      if (m) inodes.add(m[1]!);
    }
    const ports = new Set<number>();
    for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
      for (const line of readFileSync(table, 'utf8').split('\n').slice(1)) {
        const f = line.trim().split(/\s+/);
        if (f.length > 9 && inodes.has(f[9]!)) ports.add(parseInt(f[1]!.split(':')[1]!, 16));
      }
    }
    const rows = await sql<{ pid: number; client_port: number | null }>`SELECT pid, client_port FROM pg_stat_activity`.execute(db);
    for (const { pid, client_port } of rows.rows) {
      if (client_port === null || !ports.has(client_port)) continue;
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
      out.set(pid, (Number(fields[11]) + Number(fields[12])) / 100); // utime + stime, in clock ticks of 1/100 s
    }
  } catch {
    // Not Linux, or the server is on another machine: reported as unknown.
  }
  return out;
}

async function runOn(label: string, url: string, schema?: string): Promise<BenchRow[]> {
  const dataDir = mkdtempSync(join(tmpdir(), 'hg-bench-import-'));
  const conn = await connect({ url: url === 'sqlite' ? join(dataDir, 'bench.sqlite') : url, ...(schema ? { schema } : {}) });
  const store = createStore(conn);
  try {
    const config = loadConfig({ HG_DATA_DIR: dataDir, NODE_ENV: 'test' });
    const services = buildServices(config, store, { log: () => {} });
    const bench: OperatorActor = { kind: 'operator', name: 'bench' };
    await services.keys.ensureKeys(bench);
    const now = Date.now();
    // Registered people, inserted in bulk (not part of the measurement).
    for (let i = 0; i < PEOPLE; i += 2000) {
      const rows = Array.from({ length: Math.min(2000, PEOPLE - i) }, (_, k) => ({
        id: `bench-p${i + k}`,
        sub: Buffer.from(`sub${String(i + k).padStart(5, '0')}`).toString('base64url'),
        name: '测试',
        document_no: doc(i + k),
        status: 'green' as const,
        reason: 'none',
        status_changed_at: now,
        created_at: now,
      }));
      await conn.db.insertInto('people').values(rows).execute();
      // Every tenth person holds a printed code: a status change revokes it and lists its id.
      const printed = rows.filter((_, k) => (i + k) % 10 === 0).map((r) => ({
        id: Buffer.from(`prn${r.id.slice(7).padStart(6, '0')}`).toString('base64url'),
        person_id: r.id,
        seq: 1,
        issued_at: now,
        expires_at: now + 30 * 86_400_000,
        revoked_at: null,
      }));
      await conn.db.insertInto('printed_codes').values(printed).execute();
    }
    const versionBefore = await store.redList.version();
    const today = new Date(now + 8 * 3600_000).toISOString().slice(0, 10);

    global.gc?.();
    const rssStart = process.memoryUsage().rss;
    let rssPeak = rssStart;
    let heapPeak = process.memoryUsage().heapUsed;
    const sampler = setInterval(() => {
      const m = process.memoryUsage();
      rssPeak = Math.max(rssPeak, m.rss);
      heapPeak = Math.max(heapPeak, m.heapUsed);
    }, 100);
    const serverCpu0 = conn.dialect === 'postgres' ? await ownBackendsCpu(conn.db as Kysely<unknown>) : undefined;
    const profiler = PROFILE_DIR ? new Session() : undefined;
    if (profiler) {
      profiler.connect();
      await profiler.post('Profiler.enable');
      await profiler.post('Profiler.start');
    }
    const t0 = performance.now();
    const cpu0 = process.cpuUsage();
    const out = await services.imports.import({ feed: 'key-population', format: 'csv', input: feedFile(today), dryRun: false, channel: 'cli', actor: bench });
    const seconds = (performance.now() - t0) / 1000;
    const cpu = process.cpuUsage(cpu0);
    if (profiler) {
      const { profile } = await profiler.post('Profiler.stop');
      writeFileSync(join(PROFILE_DIR!, `import-${label}.cpuprofile`), JSON.stringify(profile));
      profiler.disconnect();
    }
    // On a shared machine the wall time says more about the neighbours than the import; the CPU
    // time this process spent (SQLite runs in it) is what the import itself cost.
    const cpuSeconds = (cpu.user + cpu.system) / 1e6;
    clearInterval(sampler);
    let serverCpu = '';
    if (serverCpu0) {
      const after = await ownBackendsCpu(conn.db as Kysely<unknown>);
      const spent = [...after].reduce((sum, [pid, s]) => sum + s - (serverCpu0.get(pid) ?? 0), 0);
      serverCpu = after.size > 0 ? ` + ${fmt(spent, 1)} s in PostgreSQL's backends` : ' (PostgreSQL backends: not measurable here)';
    }
    const delta = await services.redList.message(versionBefore);
    const added = delta.delta?.added.length ?? delta.snapshot?.length ?? 0;
    if (!out.report.applied || out.report.accepted !== ROWS) throw new Error(`import not applied: ${JSON.stringify(out.report).slice(0, 300)}`);
    const mb = (b: number) => `${fmt(b / 1024 / 1024)} MB`;
    return [
      {
        what: `status feed import, ${ROWS.toLocaleString('en')} rows, ${label}`,
        result: `${fmt(seconds, 1)} s (${fmt(ROWS / seconds)} rows/s)`,
        budget: '≤ 60 s',
        note: `CPU ${fmt(cpuSeconds, 1)} s in this process${serverCpu}; load ${loadavg()[0]!.toFixed(1)}; ${out.changes.statusChanges.toLocaleString('en')} turned red; red-list delta since v${versionBefore}: +${added.toLocaleString('en')} (${delta.delta ? 'delta' : 'snapshot'}); RSS ${mb(rssStart)} → peak ${mb(rssPeak)}, heap peak ${mb(heapPeak)}`,
      },
    ];
  } finally {
    await store.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

export async function benchImport(pgUrl: string | undefined): Promise<BenchRow[]> {
  const rows = await runOn('SQLite', 'sqlite');
  if (!pgUrl) return [...rows, { what: 'status feed import, PostgreSQL', result: 'skipped', note: 'set TEST_DATABASE_URL' }];
  const schema = `bench_import_${Date.now().toString(36)}`;
  try {
    rows.push(...(await runOn('PostgreSQL', pgUrl, schema)));
  } finally {
    const client = new pg.Client({ connectionString: pgUrl });
    await client.connect();
    await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await client.end();
  }
  return rows;
}

// `npx tsx e2e/bench/import.ts` runs this part alone.
if (process.argv[1]?.endsWith('import.ts')) {
  const { printTable } = await import('./table.js');
  printTable(await benchImport(process.env.TEST_DATABASE_URL ?? process.env.BENCH_DATABASE_URL));
}
