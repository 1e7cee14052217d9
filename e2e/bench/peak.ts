// Peak hours: GET /api/me/code against GET /api/health on the same server, in the same run
// (budget: code ÷ health ≥ 0.9), and two server processes on one PostgreSQL against one (budget
// ≥ 1.6 on a 2-core machine). Load from autocannon, in this process.

import autocannon from 'autocannon';
import pg from 'pg';
import { authApi } from '../../shared/api/auth.js';
import { peopleApi } from '../../shared/api/people.js';
import { systemApi } from '../../shared/api/system.js';
import { latestSmsCode } from '../support/api.js';
import { TestServer } from '../support/server.js';
import { fmt, type BenchRow } from './table.js';

const SECONDS = Number(process.env.BENCH_PEAK_SECONDS ?? 8);
const CONNECTIONS = 32;

/** Signs a holder in over HTTP; returns the Cookie header. */
export async function holderCookie(url: string, phone = '13800000002'): Promise<string> {
  const post = (path: string, body: unknown) =>
    fetch(`${url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', origin: url }, body: JSON.stringify(body) });
  const asked = await post(authApi.otpRequest.path, { phone });
  if (asked.status !== 200) throw new Error(`OTP request: ${asked.status} ${await asked.text()}`);
  const res = await post(authApi.otpVerify.path, { phone, code: await latestSmsCode(url, phone) });
  if (res.status !== 200) throw new Error(`sign-in: ${res.status} ${await res.text()}`);
  return res.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
}

async function rate(url: string, headers: Record<string, string> = {}): Promise<number> {
  const r = await autocannon({ url, connections: CONNECTIONS, duration: SECONDS, headers });
  if (r.non2xx > 0 || r.errors > 0) throw new Error(`${url}: ${r.non2xx} non-2xx, ${r.errors} errors`);
  return r.requests.average;
}

/** Code vs health on one server (SQLite, as `npm start` runs it). */
export async function benchPeak(server: TestServer): Promise<BenchRow[]> {
  const cookie = await holderCookie(server.url);
  const codeUrl = `${server.url}${peopleApi.myCode.path}`;
  await rate(codeUrl, { cookie }); // warm up: JIT, the first signature, the cache
  const health = await rate(`${server.url}${systemApi.health.path}`);
  const code = await rate(codeUrl, { cookie });
  return [
    { what: 'peak: GET /api/health', result: `${fmt(health)} req/s`, note: `autocannon, ${CONNECTIONS} connections, ${SECONDS} s` },
    { what: 'peak: GET /api/me/code (cached signed code)', result: `${fmt(code)} req/s`, note: 'same run, same server' },
    { what: 'peak: code ÷ health', result: fmt(code / health, 2), budget: '≥ 0.9' },
  ];
}

/** Two server processes on one PostgreSQL database against one, each loaded with its own autocannon. */
export async function benchTwoProcesses(pgUrl: string): Promise<BenchRow[]> {
  const dbName = `hg_bench_${Date.now().toString(36)}`;
  const admin = new pg.Client({ connectionString: pgUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${dbName}`);
  const url = new URL(pgUrl);
  url.pathname = `/${dbName}`;
  const servers: TestServer[] = [];
  try {
    for (let i = 0; i < 2; i++) servers.push(await TestServer.create({ database: url.toString() }));
    servers[0]!.cli('seed');
    for (const s of servers) await s.start();
    const cookie = await holderCookie(servers[0]!.url);
    const codeUrl = (s: TestServer) => `${s.url}${peopleApi.myCode.path}`;
    for (const s of servers) await rate(codeUrl(s), { cookie }); // warm up both
    const one = await rate(codeUrl(servers[0]!), { cookie });
    const both = (await Promise.all(servers.map((s) => rate(codeUrl(s), { cookie })))).reduce((a, b) => a + b, 0);
    return [
      { what: 'scale-out: GET /api/me/code, 1 process on PostgreSQL', result: `${fmt(one)} req/s`, note: `autocannon, ${CONNECTIONS} connections, ${SECONDS} s` },
      { what: 'scale-out: the same, 2 processes on one PostgreSQL', result: `${fmt(both)} req/s`, note: 'one autocannon per process, at once' },
      { what: 'scale-out: 2 processes ÷ 1', result: fmt(both / one, 2), budget: '≥ 1.6 (2 cores)', note: 'the load generator shares the cores' },
    ];
  } finally {
    for (const s of servers) await s.stop();
    await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`).catch(() => undefined);
    await admin.end();
  }
}
