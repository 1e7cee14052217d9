// Every way a status changes revokes the person's printed codes in the same transaction: the
// authority's imports and sweeps (redecide), set-status and corrections. A gate that synced the red
// list then refuses the old printout offline, for as long as the printout would have been valid.

import { expect, it } from 'vitest';
import { pathOf } from '../../shared/api/contract.js';
import { membersApi, type PrintedCode } from '../../shared/api/members.js';
import { RED_LIST_CLOCK_MARGIN_MS } from '../authority/rules.js';
import type { Store } from '../store/store.js';
import { gateVerdict } from '../testing/gate.js';
import { signInAs, testServer, TestClock, TEST_ACTOR, type TestServer } from '../testing/server.js';
import { describeStores } from '../testing/stores.js';

const DAY = 86_400_000;
const doc = (i: number) => `E3${String(i).padStart(7, '0')}`;
const KP_HEADER = 'documentType,documentNumber,category,startDate,endDate,sourceNote';

async function* bytes(text: string): AsyncGenerator<Uint8Array> {
  yield new TextEncoder().encode(text);
}

/** `count` people with passports, the first of them a holder account's own person; all green. */
async function setup(s: Store, count: number): Promise<{ t: TestServer; cookie: string; ids: string[] }> {
  // 12:00 in China on 5 May 2022: inside the key-population dates below.
  const t = await testServer(s, { clock: new TestClock(Date.parse('2022-05-05T04:00:00Z')) });
  const ids = Array.from({ length: count }, (_, i) => `p-${String(i).padStart(4, '0')}`);
  for (const [i, id] of ids.entries()) {
    await s.people.createPerson({ id, sub: `c3Vi${String(i).padStart(4, '0')}`, name: '王芳', document_no: doc(i), status: 'green', reason: 'none', status_changed_at: 1, created_at: 1 });
  }
  await s.accounts.createUser({ id: 'u-own', phone: '+8613900000000', role: 'holder', person_id: ids[0]!, created_at: 1 });
  return { t, cookie: await signInAs(t, s, '+8613900000000'), ids };
}

async function print(t: TestServer, cookie: string, personId: string): Promise<PrintedCode> {
  const path = pathOf(membersApi.printCode.path, { id: personId });
  const res = await t.app.request(path, { method: 'POST', headers: { cookie } });
  expect(res.status).toBe(200);
  return (await res.json()) as PrintedCode;
}

/** Whether the person's newest printout is on the red list devices get. */
async function listsPrintout(t: TestServer, s: Store, personId: string): Promise<boolean> {
  const [newest] = await s.holders.printedCodesOf(personId);
  return (await s.redList.entries()).includes(await t.services.redList.entryFor(newest!.id));
}

const importKeyPopulation = (t: TestServer, numbers: string[], category = 'close-contact', end = '2022-05-14') =>
  t.services.imports.import({
    feed: 'key-population',
    format: 'csv',
    input: bytes([KP_HEADER, ...numbers.map((n) => `passport,${n},${category},2022-05-01,${end},CDC`), ''].join('\n')),
    dryRun: false,
    channel: 'cli',
    actor: TEST_ACTOR,
  });

describeStores('printed codes revoked by status changes', (store) => {
  it('an import turning 1,000 people red lists each one’s unexpired printouts, and only those', { timeout: 60_000 }, async () => {
    const s = store();
    const { t, cookie, ids } = await setup(s, 1001);
    const real = await print(t, cookie, ids[0]!);
    const at = t.clock.t;
    // Printouts of everyone else, straight into the store (the route would take minutes for 1,000).
    for (const [i, id] of ids.entries()) {
      if (i === 0) continue;
      await s.holders.createPrintedCode({ id: `cHJpbnQt${String(i).padStart(4, '0')}`, person_id: id, seq: 1, issued_at: at, expires_at: at + 30 * DAY, revoked_at: null });
    }
    // Person 1 also holds an expired sheet: a gate refuses it already, it needs no entry.
    await s.holders.createPrintedCode({ id: 'b2xkLTAwMDE', person_id: ids[1]!, seq: 2, issued_at: at - 40 * DAY, expires_at: at - 10 * DAY, revoked_at: null });
    t.clock.advance(1000);

    // The first 1,000 are named by the feed; the last person is not.
    const out = await importKeyPopulation(t, ids.slice(0, 1000).map((_, i) => doc(i)));
    expect(out.report).toMatchObject({ applied: true, accepted: 1000 });
    // 1,000 subjects and 1,000 printouts.
    expect(out.changes).toMatchObject({ statusChanges: 1000, redListAdded: 2000 });

    const printed = new Map<string, { revoked_at: number | null; expires_at: number }>();
    for (const id of ids) for (const c of await s.holders.printedCodesOf(id)) printed.set(c.id, c);
    expect((await s.holders.printedCodesOf(ids[0]!))[0]?.revoked_at).toBe(t.clock.t);
    const listed = new Set(await s.redList.entries());
    const entryFor = (id: string) => t.services.redList.entryFor(id);
    for (let i = 1; i < 1000; i++) {
      const id = `cHJpbnQt${String(i).padStart(4, '0')}`;
      expect(listed.has(await entryFor(id)), id).toBe(true);
      expect(printed.get(id)?.revoked_at).toBe(t.clock.t);
    }
    // Kept on the list as long as the printout lasts (plus the clock margin), not forever.
    expect(await s.redList.expiryOf(await entryFor('cHJpbnQt0001'))).toBe(at + 30 * DAY + RED_LIST_CLOCK_MARGIN_MS);
    expect(listed.has(await entryFor('b2xkLTAwMDE'))).toBe(false);
    expect(printed.get('b2xkLTAwMDE')?.revoked_at).toBeNull();
    expect(listed.has(await entryFor('cHJpbnQt1000'))).toBe(false);
    expect(printed.get('cHJpbnQt1000')?.revoked_at).toBeNull();
    expect(await gateVerdict(t, real.text)).toMatchObject({ kind: 'red-listed' });
  });

  it('a sweep that turns someone green lists the printout made while red', async () => {
    const s = store();
    const { t, cookie, ids } = await setup(s, 1);
    await importKeyPopulation(t, [doc(0)], 'home-quarantine', '2022-05-05');
    await print(t, cookie, ids[0]!);
    t.clock.t = Date.parse('2022-05-05T16:00:00Z'); // midnight after the quarantine's last day, local time
    expect(await t.services.sweeper.sweep(TEST_ACTOR)).toMatchObject({ statusChanges: 1, redListAdded: 1, redListRemoved: 1 });
    expect(await s.people.getPerson(ids[0]!)).toMatchObject({ status: 'green' });
    // A red sheet is refused as red anyway; listed, it stays refused whatever a gate makes of it.
    expect(await listsPrintout(t, s, ids[0]!)).toBe(true);
  });

  it('an import that clears a person (two negatives) lists the printout made while red', async () => {
    const s = store();
    const { t, cookie, ids } = await setup(s, 1);
    const header = 'documentType,documentNumber,testKind,result,institution,sampledAt,reportedAt';
    const tr = (result: string, day: string) => `passport,${doc(0)},nucleic-acid,${result},Lab A,2022-05-0${day}T09:00:00+08:00,2022-05-0${day}T21:00:00+08:00`;
    const run = (lines: string[]) => t.services.imports.import({ feed: 'test-results', format: 'csv', input: bytes([header, ...lines, ''].join('\n')), dryRun: false, channel: 'cli', actor: TEST_ACTOR });
    await run([tr('positive', '1')]);
    const whileRed = await print(t, cookie, ids[0]!);
    t.clock.advance(3_600_000);
    expect((await run([tr('negative', '2'), tr('negative', '3')])).changes).toMatchObject({ statusChanges: 1, redListAdded: 1, redListRemoved: 1 });
    expect(await listsPrintout(t, s, ids[0]!)).toBe(true);
    expect(await gateVerdict(t, whileRed.text)).toMatchObject({ kind: 'red' });
  });

  it('a correction lists the printout itself, which outlives the old subject’s entry', async () => {
    const s = store();
    const { t, cookie, ids } = await setup(s, 1);
    const sheet = await print(t, cookie, ids[0]!);
    t.clock.advance(1000);
    await t.services.status.correct(ids[0]!, 'green', undefined, 'wrong person matched', TEST_ACTOR);
    expect(await gateVerdict(t, sheet.text)).toMatchObject({ kind: 'red-listed' });
    // Four days on the old subject's entry (kept as long as a phone code lasts) has expired; the
    // printout, valid for 30 days, is still refused.
    t.clock.advance(4 * DAY);
    expect(await t.services.sweeper.sweep(TEST_ACTOR)).toMatchObject({ expired: 1 });
    expect(await gateVerdict(t, sheet.text)).toMatchObject({ kind: 'red-listed' });
    expect((await s.holders.printedCodesOf(ids[0]!))[0]?.revoked_at).not.toBeNull();
  });

  it('set-status lists the printouts with their own expiry, and a second change finds nothing left to list', async () => {
    const s = store();
    const { t, cookie, ids } = await setup(s, 1);
    const sheet = await print(t, cookie, ids[0]!);
    await t.services.status.setStatus(ids[0]!, 'red', 'close-contact', TEST_ACTOR);
    const entry = await t.services.redList.entryFor((await s.holders.printedCodesOf(ids[0]!))[0]!.id);
    expect(await s.redList.expiryOf(entry)).toBe(sheet.expiresAt + RED_LIST_CLOCK_MARGIN_MS);
    const before = await s.redList.countEntries();
    await t.services.status.setStatus(ids[0]!, 'green', undefined, TEST_ACTOR);
    expect(await s.redList.countEntries()).toBe(before - 1); // the subject's entry went; the printout's stays
    expect(await gateVerdict(t, sheet.text)).toMatchObject({ kind: 'red-listed' });
  });
});
