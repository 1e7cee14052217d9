// Sessions a process keeps in memory: read once, then trusted only while nothing that could end or
// change a session was written — here, or by another connection to the file (SQLite) or another
// process (PostgreSQL's session epoch) — and never past expiry or a due last-seen touch.

import Database from 'better-sqlite3';
import pg from 'pg';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it, onTestFinished } from 'vitest';
import { changesSessions } from '../store/session-writes.js';
import { connect } from '../store/connect.js';
import { createStore, type Store } from '../store/store.js';
import { TestClock } from '../testing/server.js';
import { describeStores, openSqliteFile } from '../testing/stores.js';
import { SESSION_RULES, SessionService } from './sessions.js';

const PHONE = '+8613800000002';

async function holder(s: Store) {
  await s.people.createPerson({ id: 'p1', sub: 'AAAAAAAAAAA', name: '张小明', document_no: null, status: 'green', reason: 'none', status_changed_at: 1, created_at: 1 });
  await s.accounts.createUser({ id: 'u-holder', phone: PHONE, role: 'holder', person_id: 'p1', created_at: 1 });
}

/** A request that arrives after something else happened: the event loop's next turn (its I/O is polled again). */
const nextRequest = () => new Promise((resolve) => setTimeout(resolve, 0));

/** Counts the session reads that reach the database. */
function counting(s: Store) {
  let reads = 0;
  const read = s.auth.sessionUser.bind(s.auth);
  s.auth.sessionUser = (...args) => {
    reads++;
    return read(...args);
  };
  return () => reads;
}

describeStores('sessions held in memory', (store) => {
  it('reads a session once; an ended one fails at once', async () => {
    const s = store();
    await holder(s);
    const clock = new TestClock();
    const sessions = new SessionService(s, clock.now);
    const reads = counting(s);
    const { token } = await sessions.signIn(PHONE, false, '');
    const other = await sessions.signIn(PHONE, false, '');
    for (let i = 0; i < 3; i++) expect(await sessions.authenticate(token)).toMatchObject({ id: 'u-holder' });
    expect(reads()).toBe(1);
    await sessions.signOut(token);
    expect(await sessions.authenticate(token)).toBeUndefined();
    // The other session was read before the sign-out: read again, still valid.
    expect(await sessions.authenticate(other.token)).toMatchObject({ id: 'u-holder' });
  });

  it('never serves a held session past its expiry, and reads again when its last-seen is due', async () => {
    const s = store();
    await holder(s);
    const clock = new TestClock();
    const sessions = new SessionService(s, clock.now);
    const reads = counting(s);
    const { token } = await sessions.signIn(PHONE, false, '');
    await sessions.authenticate(token);
    clock.advance(SESSION_RULES.touchEveryMs);
    await sessions.authenticate(token);
    const [row] = await s.auth.sessionsOfUser('u-holder');
    expect(row!.last_seen_at).toBe(clock.t);
    expect(reads()).toBe(2);
    clock.advance(SESSION_RULES.defaultMs - SESSION_RULES.touchEveryMs);
    expect(await sessions.authenticate(token)).toBeUndefined();
  });
});

it('on SQLite, a session ended or an account changed by another connection to the file fails on the next request', async () => {
  const { store: s, file, cleanup } = await openSqliteFile();
  onTestFinished(cleanup);
  await holder(s);
  const sessions = new SessionService(s, new TestClock().now);
  const one = await sessions.signIn(PHONE, false, '');
  const two = await sessions.signIn(PHONE, false, '');
  expect(await sessions.authenticate(one.token)).toMatchObject({ role: 'holder' });
  expect(await sessions.authenticate(two.token)).toMatchObject({ role: 'holder' });
  const cli = new Database(file);
  cli.prepare('DELETE FROM sessions WHERE token_hash = (SELECT token_hash FROM sessions ORDER BY created_at, rowid LIMIT 1)').run();
  // The next request arrives in a later turn of the event loop than the write it follows.
  await nextRequest();
  expect(await sessions.authenticate(one.token)).toBeUndefined();
  cli.prepare("UPDATE users SET role = 'inspector'").run();
  await nextRequest();
  expect(await sessions.authenticate(two.token)).toMatchObject({ role: 'inspector' });
  cli.close();
});

it('counts writes to sessions and accounts, not the last-seen touch, inserts or other tables', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'hg-sessions-'));
  const conn = await connect({ url: join(dir, 'test.sqlite') });
  onTestFinished(async () => {
    await conn.db.destroy();
    rmSync(dir, { recursive: true, force: true });
  });
  const db = conn.db;
  const node = (q: { toOperationNode(): unknown }) => q.toOperationNode() as Parameters<typeof changesSessions>[0];
  expect(changesSessions(node(db.deleteFrom('sessions').where('id', '=', 'x')))).toBe(true);
  expect(changesSessions(node(db.updateTable('sessions').set({ reverified_at: 1 })))).toBe(true);
  expect(changesSessions(node(db.updateTable('users').set({ phone: '+86' })))).toBe(true);
  expect(changesSessions(node(db.deleteFrom('users')))).toBe(true);
  expect(changesSessions(node(db.updateTable('sessions').set({ last_seen_at: 1 })))).toBe(false);
  expect(changesSessions(node(db.updateTable('people').set({ status: 'red' })))).toBe(false);
  expect(changesSessions(node(db.insertInto('sessions').values({ token_hash: 'h', user_id: 'u', created_at: 1, expires_at: 2, remember: 0, user_agent: '', id: 'i', last_seen_at: 1, reverified_at: null })))).toBe(false);
  expect(changesSessions(node(db.selectFrom('sessions').selectAll()))).toBe(false);
  const before = conn.sessionsVersion!();
  await db.updateTable('people').set({ status: 'red' }).execute();
  expect(conn.sessionsVersion!()).toBe(before);
  await db.updateTable('users').set({ role: 'holder' }).where('id', '=', 'nobody').execute();
  expect(conn.sessionsVersion!()).not.toBe(before);
});

it.runIf(process.env.TEST_DATABASE_URL)('on PostgreSQL, a session ended or an account changed through another process fails on its next request', async () => {
  const schema = `t_epoch_${Date.now().toString(36)}`;
  const url = process.env.TEST_DATABASE_URL!;
  const here = createStore(await connect({ url, schema }));
  const there = createStore(await connect({ url, schema }));
  // Another process's raw writes, as the CLI or an operator's psql would make them.
  const cli = new pg.Client({ connectionString: url, options: `-c search_path=${schema}` });
  await cli.connect();
  onTestFinished(async () => {
    await here.close();
    await there.close();
    await cli.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await cli.end();
  });
  await holder(here);
  const sessions = new SessionService(here, new TestClock().now);
  const elsewhere = new SessionService(there, new TestClock().now);
  const reads = counting(here);
  const one = await sessions.signIn(PHONE, false, '');
  const two = await sessions.signIn(PHONE, false, '');
  for (let i = 0; i < 3; i++) {
    await nextRequest();
    expect(await sessions.authenticate(one.token)).toMatchObject({ role: 'holder' });
  }
  expect(reads()).toBe(1);
  // The last-seen touch does not move the epoch, nor a statement that changes no row (ending an
  // unknown session); a sign-out through the other process does.
  await cli.query('UPDATE sessions SET last_seen_at = last_seen_at + 1');
  const epoch = async () => (await cli.query('SELECT epoch FROM session_epoch')).rows[0].epoch as string;
  const before = await epoch();
  await cli.query("DELETE FROM sessions WHERE id = 'nobody'");
  await cli.query("UPDATE users SET role = 'holder' WHERE id = 'nobody'");
  await cli.query("UPDATE sessions SET reverified_at = 1 WHERE id = 'nobody'");
  expect(await epoch()).toBe(before);
  await nextRequest();
  expect(await sessions.authenticate(one.token)).toMatchObject({ role: 'holder' });
  expect(reads()).toBe(1);
  await elsewhere.signOut(one.token);
  await nextRequest();
  expect(await sessions.authenticate(one.token)).toBeUndefined();
  expect(await sessions.authenticate(two.token)).toMatchObject({ role: 'holder' });
  await cli.query("UPDATE users SET role = 'inspector'");
  await nextRequest();
  expect(await sessions.authenticate(two.token)).toMatchObject({ role: 'inspector' });
});
