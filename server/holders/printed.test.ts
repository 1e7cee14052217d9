// Printed codes through the real routes, verified as a gate verifies them (trust list + red list from
// the server): a printout is its own kind, lasts longer, counts reprints, and an old one is caught
// offline after a reprint or a status change.

import { expect, it } from 'vitest';
import { pathOf } from '../../shared/api/contract.js';
import { membersApi, type Member, type PrintedCode } from '../../shared/api/members.js';
import { DEMO_REGISTRY } from '../demo/seed.js';
import { gateVerdict } from '../testing/gate.js';
import { seedPeople, signInAs, testServer, TEST_ACTOR } from '../testing/server.js';
import { describeStores } from '../testing/stores.js';

const post = (_path: string, cookie?: string): RequestInit => ({ method: 'POST', headers: cookie ? { cookie } : {} });

describeStores('printed codes', (store) => {
  it('reprints on a server that has not served the red list since it started', { timeout: 10_000 }, async () => {
    const s = store();
    const t = await testServer(s);
    await seedPeople(s);
    const cookie = await signInAs(t, s, '+8613800000002');
    const printPath = pathOf(membersApi.printCode.path, { id: 'p-green' });
    expect((await t.app.request(printPath, post(printPath, cookie))).status).toBe(200);
    t.clock.advance(1000);
    // The reprint revokes the first: its entry needs the red list's salt, never read yet here.
    const second = await t.app.request(printPath, post(printPath, cookie));
    expect([second.status, ((await second.json()) as PrintedCode).seq]).toEqual([200, 2]);
  });

  it('prints a member’s code that verifies as printed, revokes it on a reprint and on a status change', async () => {
    const s = store();
    const t = await testServer(s);
    await seedPeople(s);
    await s.registry.upsert(DEMO_REGISTRY.map((r) => ({ ...r, imported_at: 1 })));
    const parent = await signInAs(t, s, '+8613800000002');
    const added = await t.app.request(membersApi.addMember.path, {
      method: 'POST',
      headers: { cookie: parent, 'content-type': 'application/json' },
      body: JSON.stringify({ name: '张小宝', documentType: 'mainland-id', documentNumber: '440103201806150022' }),
    });
    const { member } = (await added.json()) as { member: Member };
    const printPath = pathOf(membersApi.printCode.path, { id: member.id });

    const first = (await (await t.app.request(printPath, post(printPath, parent))).json()) as PrintedCode;
    expect(first).toMatchObject({ kind: 'printed', seq: 1, maskedName: '张*宝', status: 'green' });
    expect(first.expiresAt - first.issuedAt).toBe(30 * 86_400_000);
    expect(await gateVerdict(t, first.text)).toMatchObject({ kind: 'green', presence: 'printed', code: { kind: 'printed' } });

    // A reprint: the first sheet is caught at the gate from the red list alone.
    t.clock.advance(1000);
    const second = (await (await t.app.request(printPath, post(printPath, parent))).json()) as PrintedCode;
    expect(second.seq).toBe(2);
    expect(await gateVerdict(t, first.text)).toMatchObject({ kind: 'red-listed' });
    expect(await gateVerdict(t, second.text)).toMatchObject({ kind: 'green', presence: 'printed' });

    // The account's own printout too (its own person id).
    const own = pathOf(membersApi.printCode.path, { id: 'p-green' });
    expect(((await (await t.app.request(own, post(own, parent))).json()) as PrintedCode).seq).toBe(1);

    // Red, then green again: the printout made while green before stays revoked; a new one is green.
    await t.services.status.setStatus(member.id, 'red', 'close-contact', TEST_ACTOR);
    await t.services.status.setStatus(member.id, 'green', undefined, TEST_ACTOR);
    expect(await gateVerdict(t, second.text)).toMatchObject({ kind: 'red-listed' });
    const third = (await (await t.app.request(printPath, post(printPath, parent))).json()) as PrintedCode;
    expect(third.seq).toBe(3);
    expect(await gateVerdict(t, third.text)).toMatchObject({ kind: 'green' });
    // Setting the same status again revokes nothing.
    await t.services.status.setStatus(member.id, 'green', undefined, TEST_ACTOR);
    expect(await gateVerdict(t, third.text)).toMatchObject({ kind: 'green' });
    expect((await s.holders.printedCodesOf(member.id)).map((c) => [c.seq, c.revoked_at === null])).toEqual([
      [3, true],
      [2, false],
      [1, false],
    ]);
  });

  it('prints only for the account’s own people', async () => {
    const s = store();
    const t = await testServer(s);
    await seedPeople(s);
    const own = pathOf(membersApi.printCode.path, { id: 'p-green' });
    expect((await t.app.request(own, post(own))).status).toBe(401);
    const inspector = await signInAs(t, s, '+8613800000001');
    expect((await t.app.request(own, post(own, inspector))).status).toBe(403);
    const stranger = await signInAs(t, s, '+8613800000003');
    const res = await t.app.request(own, post(own, stranger));
    expect(res.status).toBe(404);
    expect(await s.holders.printedCodesOf('p-green')).toEqual([]);
  });
});
