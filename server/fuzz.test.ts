// A bounded fuzz of every state-changing route (sync, sign-in and all the others in
// shared/api/endpoints.ts) through app.request on the real app, on SQLite and on PostgreSQL: random
// and half-valid bodies, ids, cookies and content types. No answer may be a 5xx, and a refused
// request (4xx, or a sync batch whose every record is rejected) may change no row — apart from the
// bookkeeping of the attempt itself, which exists to be changed by refusals (listed below).
// The figures (requests, 4xx by code, 5xx) are printed for the closing note.

import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { sql, type Kysely } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { reachableBy, type Endpoint } from '../shared/api/contract.js';
import { ALL_ENDPOINTS } from '../shared/api/endpoints.js';
import type { SyncResponse } from '../shared/api/sync.js';
import { uuidv7 } from '../shared/uuid.js';
import { connect, type Connection } from './store/connect.js';
import { createStore, type Store } from './store/store.js';
import { SESSION_COOKIE } from './http/security.js';
import { seedPeople, testServer, type TestServer } from './testing/server.js';

const PG_URL = process.env.TEST_DATABASE_URL;
// Bounded: about 10 s per engine on a quiet 2-core machine (HG_FUZZ_RUNS for a longer hunt).
const RUNS = Number(process.env.HG_FUZZ_RUNS ?? 250);

/** Rows a refusal is meant to write: the attempt counters, the audit of failed sign-ins, a session's "last seen", a device's claim and contact. */
const BOOKKEEPING: Record<string, { table?: true; columns?: string[]; rows?: (row: Record<string, unknown>) => boolean }> = {
  rate_events: { table: true },
  // Sync health counts rejected records (they are not stored themselves).
  sync_rejections: { table: true },
  otp_challenges: { columns: ['attempts'] },
  sessions: { columns: ['last_seen_at'] },
  // A sync batch's first contact claims its device id for the sending inspector and notes the contact, also
  // when every record in it is rejected (e.g. a venue the sender is not bound to): the claim is what keeps a
  // second inspector off that id, and server/checkpoints tests that another inspector's batch changes nothing.
  devices: { table: true },
  audit_log: { rows: (r) => r.action === 'sign-in.failure' },
  // The audit chain's head moves with every entry, those of failed sign-ins included.
  settings: { rows: (r) => r.key === 'audit_head' },
};

/** PostgreSQL: every table's count and hash in one round trip (a query per table made the run minutes long). */
async function pgDigest(db: Kysely<unknown>, tables: string[]): Promise<Record<string, string>> {
  const parts = tables.map((name) => {
    const rule = BOOKKEEPING[name];
    const row = rule?.columns ? `to_jsonb(t) - ${sql.lit(rule.columns[0]!)}` : sql`to_jsonb(t)`;
    const where = name === 'audit_log' ? sql`where t.action <> 'sign-in.failure'` : name === 'settings' ? sql`where t.key <> 'audit_head'` : sql``;
    return sql`select ${sql.lit(name)} as name, count(*)::int as n, coalesce(md5(string_agg((${row})::text, ',' order by (${row})::text)), '') as h from ${sql.table(name)} t ${where}`;
  });
  const { rows } = await sql<{ name: string; n: number; h: string }>`${sql.join(parts, sql` union all `)}`.execute(db);
  return Object.fromEntries(rows.map((r) => [r.name, `${r.n}:${r.h.slice(0, 16)}`]));
}

async function digest(db: Kysely<unknown>, schema?: string): Promise<Record<string, string>> {
  // On PostgreSQL the introspection lists every schema's tables: only this run's count.
  const tables = (await db.introspection.getTables()).filter((t) => !schema || t.schema === schema).map((t) => t.name).filter((n) => !n.startsWith('kysely_') && !BOOKKEEPING[n]?.table);
  if (schema) return pgDigest(db, tables.sort());
  const out: Record<string, string> = {};
  for (const name of tables.sort()) {
    const rule = BOOKKEEPING[name];
    const { rows } = await sql<Record<string, unknown>>`select * from ${sql.table(name)}`.execute(db);
    const kept = rows
      .filter((r) => !rule?.rows?.(r))
      .map((r) => JSON.stringify(Object.entries(r).filter(([k]) => !rule?.columns?.includes(k)).sort(([a], [b]) => a.localeCompare(b))))
      .sort();
    out[name] = `${kept.length}:${createHash('sha256').update(kept.join('\n')).digest('hex').slice(0, 16)}`;
  }
  return out;
}

interface Opened {
  conn: Connection;
  schema?: string;
  store: Store;
  cleanup(): Promise<void>;
}

async function openSqlite(): Promise<Opened> {
  const dir = mkdtempSync(join(tmpdir(), 'hg-fuzz-'));
  const conn = await connect({ url: join(dir, 'fuzz.sqlite') });
  const store = createStore(conn);
  return { conn, store, cleanup: async () => (await store.close(), rmSync(dir, { recursive: true, force: true })) };
}

async function openPostgres(url: string): Promise<Opened> {
  const schema = `fuzz_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
  const conn = await connect({ url, schema });
  const store = createStore(conn);
  return {
    conn,
    schema,
    store,
    cleanup: async () => {
      await sql.raw(`DROP SCHEMA IF EXISTS ${schema} CASCADE`).execute(conn.db);
      await store.close();
    },
  };
}

const ROLES = ['inspector', 'holder', 'manager', 'org-admin'] as const;
type Who = (typeof ROLES)[number] | 'nobody' | 'garbage';
const PHONES: Record<(typeof ROLES)[number], string> = { inspector: '+8613800000001', holder: '+8613800000002', manager: '+8613800000004', 'org-admin': '+8613800000006' };

/** Strings that have broken parsers and databases before: lone surrogates, NUL, huge numbers as text, SQL. */
const nasty = fc.constantFrom('', '\uD800', 'a\uDC00b', '\u0000', "'; drop table users; --", '1e20', '-0', 'NaN', '💥'.repeat(50), 'x'.repeat(5000), '../../etc/passwd', '%00');
const anyValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  nasty,
  fc.constantFrom(1e20, -1e20, Number.MAX_SAFE_INTEGER + 2, -1, 0, 0.5, 36.6, 45.0001, 29.99),
  fc.string({ unit: 'binary', maxLength: 40 }),
);

/** Replaces, removes or adds one field somewhere in a valid body. */
function mutate(valid: unknown): fc.Arbitrary<unknown> {
  if (valid === null || typeof valid !== 'object') return anyValue;
  const obj = valid as Record<string, unknown>;
  const keys = Object.keys(obj);
  return fc.oneof(
    { arbitrary: fc.constant(valid), weight: 3 },
    keys.length ? fc.tuple(fc.constantFrom(...keys), anyValue).map(([k, v]) => ({ ...obj, [k]: v })) : fc.constant(valid),
    keys.length ? fc.constantFrom(...keys).map((k) => Object.fromEntries(Object.entries(obj).filter(([key]) => key !== k))) : fc.constant({}),
    fc.tuple(fc.string({ maxLength: 8 }), anyValue).map(([k, v]) => ({ ...obj, [k]: v })),
    keys.length
      ? fc.constantFrom(...keys).chain((k) => mutate(obj[k]).map((inner) => (Array.isArray(obj) ? Object.assign([...obj], { [k]: inner }) : { ...obj, [k]: inner })))
      : fc.constant(valid),
  );
}

interface Ctx {
  t: TestServer;
  green: string;
  red: string;
  sessionIds: Partial<Record<(typeof ROLES)[number], string>>;
  /** The organisation the holder is a member of, its join code and the holder's member tag. */
  org: { id: string; joinCode: string; tag: string };
  /** A child the holder is the guardian of, a member of the organisation too. */
  child: string;
}

/** A body the route would take (or nearly): the fuzz mutates it. */
function validBody(e: Endpoint, ctx: Ctx): unknown {
  const now = ctx.t.clock.now();
  switch (`${e.method} ${e.path}`) {
    case 'POST /api/auth/otp/request':
      return { phone: '13800000002' };
    case 'POST /api/auth/otp/verify':
      return { phone: '13800000002', code: '123456' };
    case 'POST /api/sync/checkpoints': {
      const record = (seq: number, code: string) => ({
        id: uuidv7(now - 60_000),
        seq,
        code,
        venueId: 'venue-demo',
        inspectorId: 'u-insp',
        temperature: 36.6,
        verdict: 'green',
        capturedAt: now - 60_000,
      });
      return { deviceId: `dev-${now}`, batchId: uuidv7(now), sentAt: now, records: [record(1, ctx.green), record(2, ctx.red)] };
    }
    case 'POST /api/residents':
      return { name: '王芳', documentType: 'mainland-id', documentNumber: '440106199007120029', phone: '13900000031' };
    case 'POST /api/residents/verify':
      return { name: '王芳', documentType: 'mainland-id', documentNumber: '440106199007120029', phone: '13900000031', code: '123456' };
    case 'POST /api/me/identity':
    case 'POST /api/me/members':
      return { name: '张建国', documentType: 'mainland-id', documentNumber: '44010319550301456X' };
    case 'PATCH /api/me/sessions/:id':
      return { remember: false };
    case 'POST /api/org':
    case 'PATCH /api/org':
      return { areaCode: '440103', kind: 'school', name: 'Fuzz School', adminPhone: '13800000006' };
    // For the child the holder looks after: the fuzz's removal of memberId makes it the holder's own.
    case 'POST /api/me/orgs':
      return { joinCode: ctx.org.joinCode, label: 'S-1', memberId: ctx.child };
    case 'POST /api/me/declarations':
      return { id: uuidv7(now), orgId: ctx.org.id, declaredAt: now - 60_000, symptoms: ['cough'], temperature: 36.8, travel: true, travelWhere: 'Shenzhen', keyContact: false, memberId: ctx.child };
    case 'POST /api/me/code-displays':
      // The red holder's person is not the green holder's to report: refused, nothing stored.
      return { displays: [{ id: uuidv7(now), shownAt: now - 60_000, status: 'green', offline: true, personId: 'p-red' }] };
    case 'PUT /api/me/device-key':
      return { jwk: { kty: 'EC', crv: 'P-256', x: 'A'.repeat(43), y: 'B'.repeat(43) } };
    default:
      return e.body ? {} : undefined;
  }
}

const STATE_CHANGING = ALL_ENDPOINTS.filter((e) => e.method !== 'GET');

interface Figures {
  requests: number;
  byStatus: Record<number, number>;
  byCode: Record<string, number>;
  fiveXX: number;
  /** Per-record answers of the sync batches that got through: accepted, duplicate, rejected:reason. */
  syncResults: Record<string, number>;
}

async function fuzzEngine(name: string, open: () => Promise<Opened>, figures: Figures): Promise<void> {
  const opened = await open();
  try {
    const { store } = opened;
    await seedPeople(store);
    const t = await testServer(store);
    const cookies = {} as Record<(typeof ROLES)[number], string>;
    // An organisation with the green holder as a member (its admin registers a second one: refused).
    await store.accounts.createUser({ id: 'u-org', phone: PHONES['org-admin'], role: 'org-admin', person_id: null, created_at: 1 });
    const orgAdmin = { kind: 'user' as const, id: 'u-org', role: 'org-admin' as const, personId: null };
    const org = await t.services.orgs.admin.register(orgAdmin, { areaCode: '44', kind: 'company', name: 'Fuzz Co', adminPhone: PHONES['org-admin'] });
    const green = { kind: 'user' as const, id: 'u-green', role: 'holder' as const, personId: 'p-green' };
    const membership = await t.services.orgs.declarations.join(green, org.joinCode, 'E-1');
    await store.people.createPerson({ id: 'p-child', sub: 'Y2hpbGQtMDE', name: '张小宝', document_no: null, status: 'green', reason: 'none', status_changed_at: 1, created_at: 1 });
    await store.holders.addGuardianship({ user_id: 'u-green', person_id: 'p-child', relation: 'family', created_at: 1 });
    await t.services.orgs.declarations.join(green, org.joinCode, 'S-1', 'p-child');
    const ctx: Ctx = { t, green: '', red: '', sessionIds: {}, org: { id: org.id, joinCode: org.joinCode, tag: membership.tag }, child: 'p-child' };
    const mint = async (role: (typeof ROLES)[number]) => {
      const s = await t.services.sessions.signIn(PHONES[role], false, 'fuzz');
      cookies[role] = `${SESSION_COOKIE}=${s.token}`;
      const list = await t.app.request('/api/me/sessions', { headers: { cookie: cookies[role] } });
      const body = (await list.json()) as { sessions: { id: string; current: boolean }[] };
      ctx.sessionIds[role] = body.sessions.find((x) => x.current)?.id ?? body.sessions[0]?.id;
    };
    for (const role of ROLES) await mint(role);
    const code = async (cookie: string) => ((await (await t.app.request('/api/me/code', { headers: { cookie } })).json()) as { text: string }).text;
    ctx.green = await code(cookies.holder);
    ctx.red = await code(`${SESSION_COOKIE}=${(await t.services.sessions.signIn('+8613800000003', false, 'fuzz')).token}`);
    expect([ctx.green, ctx.red]).toEqual([expect.stringMatching(/^HG1:/), expect.stringMatching(/^HG1:/)]);

    const request = fc.record({
      route: fc.constantFrom(...STATE_CHANGING.map((e) => `${e.method} ${e.path}`)),
      // 'fitting': a role the route is open to, so requests get past the access check.
      who: fc.oneof({ arbitrary: fc.constant<Who | 'fitting'>('fitting'), weight: 4 }, fc.constantFrom<Who>('inspector', 'holder', 'manager', 'org-admin', 'nobody', 'garbage')),
      bodyKind: fc.constantFrom<'mutated' | 'valid' | 'raw' | 'none' | 'array'>('mutated', 'mutated', 'mutated', 'valid', 'raw', 'none', 'array'),
      raw: fc.oneof(fc.string({ maxLength: 200 }), nasty, fc.constant('{"phone":')),
      seed: fc.integer({ min: 0, max: 2 ** 30 }),
      contentType: fc.oneof({ arbitrary: fc.constant('application/json'), weight: 6 }, fc.constantFrom('text/plain', 'application/json; charset=utf-16', '')),
      param: fc.oneof(fc.constant('own'), fc.constant('other'), nasty, fc.string({ maxLength: 30 }), fc.constantFrom('%ED%A0%80', '%FF', '%', '%2F..')),
    });

    type Req = typeof request extends fc.Arbitrary<infer T> ? T : never;
    await fc.assert(
      fc.asyncProperty(request, async (r) => {
        const e = STATE_CHANGING.find((x) => `${x.method} ${x.path}` === r.route)!;
        const valid = validBody(e, ctx);
        const sample = r.bodyKind === 'valid' ? valid : fc.sample(mutate(valid), { numRuns: 1, seed: r.seed })[0];
        const body = r.bodyKind === 'raw' ? r.raw : r.bodyKind === 'none' ? undefined : JSON.stringify(r.bodyKind === 'array' ? [sample] : sample);
        const who = r.who === 'fitting' ? (ROLES.find((x) => reachableBy(e.access, x)) ?? 'nobody') : r.who;
        const role = who === 'nobody' || who === 'garbage' ? undefined : who;
        const own = e.path === '/api/org/members/:tag' ? ctx.org.tag : e.path === '/api/me/orgs/:id' ? ctx.org.id : role ? ctx.sessionIds[role] : undefined;
        const param = r.param === 'own' ? own ?? 'none' : r.param === 'other' ? ctx.sessionIds.manager ?? 'none' : r.param;
        // Byte-wise, so a lone surrogate goes as the bytes a careless client sends; '%…' params go raw.
        const encoded = param.startsWith('%') ? param : [...Buffer.from(param)].map((b) => `%${b.toString(16).padStart(2, '0')}`).join('');
        const path = e.path.replace(/:[a-zA-Z]+/g, () => encoded);
        const headers: Record<string, string> = {};
        if (r.contentType) headers['content-type'] = r.contentType;
        if (role) headers.cookie = cookies[role];
        if (who === 'garbage') headers.cookie = `${SESSION_COOKIE}=${'x'.repeat(43)}`;
        const before = await digest(opened.conn.db as Kysely<unknown>, opened.schema);
        const res = await t.app.request(path, { method: e.method, headers, ...(body === undefined ? {} : { body }) });
        const text = await res.text();
        figures.requests++;
        figures.byStatus[res.status] = (figures.byStatus[res.status] ?? 0) + 1;
        if (res.status >= 500) figures.fiveXX++;
        expect(res.status, `${e.method} ${path} → ${text}`).toBeLessThan(500);
        let refused = res.status >= 400;
        if (res.status >= 400) {
          const code = (JSON.parse(text) as { error?: { code?: string } }).error?.code ?? `http-${res.status}`;
          figures.byCode[`${res.status} ${code}`] = (figures.byCode[`${res.status} ${code}`] ?? 0) + 1;
        } else if (e.path === '/api/sync/checkpoints') {
          const results = (JSON.parse(text) as SyncResponse).results;
          refused = results.every((x) => x.status === 'rejected');
          for (const x of results) {
            const k = x.status === 'rejected' ? `rejected:${x.reason}` : x.status;
            figures.syncResults[k] = (figures.syncResults[k] ?? 0) + 1;
          }
        }
        if (refused) expect(await digest(opened.conn.db as Kysely<unknown>, opened.schema), `${e.method} ${path} (${res.status}) changed rows`).toEqual(before);
        // Ending a session is a success; the next request gets a fresh one.
        if (res.status < 400 && role && /sessions|signout/.test(e.path)) await mint(role);
        // Let rate limits and back-offs run their course between requests now and then.
        t.clock.advance(7_000);
      }),
      {
        // Each route once as its own user would send it (seed 0 leaves the valid body as it is), then at random.
        examples: STATE_CHANGING.map((e): [Req] => [
          { route: `${e.method} ${e.path}`, who: 'fitting', bodyKind: 'valid', raw: '', seed: 0, contentType: 'application/json', param: 'own' },
        ]),
        numRuns: RUNS,
        seed: Number(process.env.HG_FUZZ_SEED ?? Date.now() % 2 ** 31), endOnFailure: true },
    );
  } finally {
    await opened.cleanup();
  }
  console.log(
    `fuzz [${name}]: ${figures.requests} requests over ${STATE_CHANGING.length} routes; 4xx by code ${JSON.stringify(figures.byCode)}; 5xx ${figures.fiveXX}; sync record results ${JSON.stringify(figures.syncResults)}`,
  );
}

const engines: [string, () => Promise<Opened>][] = [['sqlite', openSqlite], ...(PG_URL ? [['postgres', () => openPostgres(PG_URL)] as [string, () => Promise<Opened>]] : [])];

describe('fuzz of every state-changing route', () => {
  const all: Record<string, Figures> = {};
  afterAll(() => {
    for (const [name, f] of Object.entries(all)) console.log(`fuzz figures [${name}]: ${JSON.stringify({ requests: f.requests, byStatus: f.byStatus, fiveXX: f.fiveXX })}`);
  });
  for (const [name, open] of engines) {
    it(`[${name}] no 5xx, and a refused request changes no row`, { timeout: 120_000 }, async () => {
      const figures: Figures = { requests: 0, byStatus: {}, byCode: {}, fiveXX: 0, syncResults: {} };
      all[name] = figures;
      await fuzzEngine(name, open, figures);
      expect(figures.fiveXX).toBe(0);
      // The fuzz must reach past validation: some requests succeed and several kinds of refusal occur.
      expect(Object.keys(figures.byStatus).filter((s) => Number(s) < 300).length).toBeGreaterThan(0);
      expect(Object.keys(figures.byCode).length).toBeGreaterThan(4);
      expect(figures.syncResults.accepted ?? 0).toBeGreaterThan(0);
    });
  }
});
