// A manager's venue through the real app: registering, the weekly edit, inspectors by tag, unbinding
// (and the unbound inspector's next sync), hand-over — who may, who may not, bad input, and that no
// answer a manager gets carries a phone number.

import { expect, it } from 'vitest';
import { pathOf } from '../../shared/api/contract.js';
import { syncApi } from '../../shared/api/sync.js';
import { venueManagerApi, type VenueDetails, type VenueMember } from '../../shared/api/venue-manager.js';
import { venuesApi, type Venue } from '../../shared/api/venues.js';
import { uuidv7 } from '../../shared/uuid.js';
import { seedPeople, signInAs, testServer, type TestServer } from '../testing/server.js';
import { describeStores } from '../testing/stores.js';
import type { Store } from '../store/store.js';

const FORM = { areaCode: '440103001', address: '沙面北街 1 号', type: 'retail', name: '新店 New Shop', contactPhone: '13800000004' };

function client(t: TestServer) {
  return async (method: string, path: string, cookie: string | undefined, body?: unknown) => {
    const res = await t.app.request(path, {
      method,
      headers: { ...(cookie ? { cookie } : {}), ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const text = await res.text();
    return { status: res.status, text, json: text ? (JSON.parse(text) as Record<string, unknown>) : {}, headers: res.headers };
  };
}

async function setUp(s: Store) {
  const t = await testServer(s);
  await seedPeople(s);
  await s.accounts.createUser({ id: 'u-mgr2', phone: '+8613800000044', role: 'manager', person_id: null, created_at: 1 });
  const req = client(t);
  const manager = await signInAs(t, s, '+8613800000004');
  return { t, req, manager };
}

describeStores('a manager registers and edits their venue', (store) => {
  it('registers one venue, with a declaration code and a masked phone; audited', async () => {
    const s = store();
    const { t, req, manager } = await setUp(s);
    expect((await req('GET', venueManagerApi.get.path, manager)).json).toEqual({ venue: null });
    const made = await req('POST', venueManagerApi.register.path, manager, FORM);
    expect(made.status).toBe(200);
    const venue = made.json.venue as VenueDetails;
    expect(venue).toMatchObject({
      name: '新店 New Shop',
      areaCode: '440103001',
      areaLabel: '广东省广州市荔湾区沙面街道',
      address: '沙面北街 1 号',
      type: 'retail',
      contactPhoneMasked: '138****0004',
      timeZone: 'Asia/Shanghai',
      nextEditFrom: null,
    });
    expect(venue.declarationCode).toMatch(/^HGV1:[A-HJ-NP-Z2-9]{16}$/);
    expect(made.text).not.toContain('13800000004');
    expect((await req('GET', venueManagerApi.get.path, manager)).json).toEqual({ venue });
    // One venue per manager.
    expect((await req('POST', venueManagerApi.register.path, manager, FORM)).json).toMatchObject({ error: { code: 'manager_has_venue' } });
    const audit = await s.audit.recent(10);
    expect(audit.find((a) => a.action === 'venue.register')).toMatchObject({ actor: 'user:u-mgr', target: `venue:${venue.id}` });
    expect(JSON.stringify(audit)).not.toContain('13800000004');
    void t;
  });

  it('refuses other roles, no session and bad input, changing nothing', async () => {
    const s = store();
    const { t, req, manager } = await setUp(s);
    const holder = await signInAs(t, s, '+8613800000002');
    const inspector = await signInAs(t, s, '+8613800000001');
    for (const e of Object.values(venueManagerApi)) {
      const path = pathOf(e.path, { tag: 'AAAAAA' });
      const body = 'body' in e ? FORM : undefined;
      expect((await req(e.method, path, undefined, body)).status, `${e.path} without a session`).toBe(401);
      expect((await req(e.method, path, holder, body)).status, `${e.path} as holder`).toBe(403);
      expect((await req(e.method, path, inspector, body)).status, `${e.path} as inspector`).toBe(403);
    }
    const bad: [Record<string, unknown>, string][] = [
      [{ ...FORM, areaCode: '440103' }, 'validation_failed'],
      [{ ...FORM, areaCode: '440103999' }, 'area_not_street_level'],
      [{ ...FORM, name: '   ' }, 'validation_failed'],
      [{ ...FORM, name: 'x'.repeat(61) }, 'validation_failed'],
      [{ ...FORM, address: '' }, 'validation_failed'],
      [{ ...FORM, type: 'casino' }, 'validation_failed'],
      [{ ...FORM, contactPhone: '12345' }, 'validation_failed'],
      [{ ...FORM, managerUserId: 'u-insp' }, 'unknown_field'],
      [{ ...FORM, contactPhone: undefined }, 'validation_failed'],
    ];
    for (const [body, code] of bad) {
      const res = await req('POST', venueManagerApi.register.path, manager, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.json, JSON.stringify(body)).toMatchObject({ error: { code } });
    }
    expect((await req('GET', venueManagerApi.get.path, manager)).json).toEqual({ venue: null });
  });

  it('allows one change per natural week in the venue zone, and says from when the next is allowed', async () => {
    const s = store();
    const { t, req, manager: firstSession } = await setUp(s);
    let manager = firstSession;
    await req('POST', venueManagerApi.register.path, manager, FORM);
    // The test clock starts on Saturday 2026-11-21, 16:00 in Shanghai (signing in moved it on a little).
    const first = await req('PATCH', venueManagerApi.edit.path, manager, { ...FORM, contactPhone: undefined, name: '新店二号' });
    expect(first.status).toBe(200);
    const mondayNext = Date.parse('2026-11-22T16:00:00Z');
    expect(first.json.venue).toMatchObject({ name: '新店二号', contactPhoneMasked: '138****0004', nextEditFrom: mondayNext });
    const second = await req('PATCH', venueManagerApi.edit.path, manager, { ...FORM, name: '新店三号', contactPhone: '13900000001' });
    expect(second.status).toBe(409);
    expect(second.json).toMatchObject({ error: { code: 'venue_edit_too_soon', retryAfterSec: Math.ceil((mondayNext - t.clock.t) / 1000) } });
    expect((second.json.error as { message: string }).message).toContain('2026-11-23 00:00 (Asia/Shanghai)');
    expect(second.headers.get('retry-after')).toBe(String(Math.ceil((mondayNext - t.clock.t) / 1000)));
    expect((await req('GET', venueManagerApi.get.path, manager)).json.venue).toMatchObject({ name: '新店二号' });
    // Sunday 23:59 is still the same week; Monday 00:00 is the next.
    t.clock.t = mondayNext - 61_000 - 60_000;
    // Staff sessions last 12 hours: sign in again.
    manager = await signInAs(t, s, '+8613800000004');
    expect((await req('PATCH', venueManagerApi.edit.path, manager, { ...FORM, name: '新店三号' })).status).toBe(409);
    t.clock.t = mondayNext;
    const third = await req('PATCH', venueManagerApi.edit.path, manager, { ...FORM, name: '新店三号', contactPhone: '13900000001' });
    expect(third.json.venue).toMatchObject({ name: '新店三号', contactPhoneMasked: '139****0001' });
    expect((await s.audit.recent(20)).filter((a) => a.action === 'venue.edit').map((a) => JSON.parse(a.detail) as unknown)).toEqual([
      { changed: ['name', 'phone'] },
      { changed: ['name'] },
    ]);
  });

  it('an edit needs a venue, and a township-level area', async () => {
    const s = store();
    const { req, manager } = await setUp(s);
    expect((await req('PATCH', venueManagerApi.edit.path, manager, FORM)).status).toBe(404);
    await req('POST', venueManagerApi.register.path, manager, FORM);
    expect((await req('PATCH', venueManagerApi.edit.path, manager, { ...FORM, areaCode: '110101999' })).json).toMatchObject({ error: { code: 'area_not_street_level' } });
  });
});

describeStores('inspectors of a venue', (store) => {
  it('binds by declaration code, lists by tag only, unbinds; the next sync for that venue is refused, earlier records stay', async () => {
    const s = store();
    const { t, req, manager } = await setUp(s);
    const venue = (await req('POST', venueManagerApi.register.path, manager, FORM)).json.venue as VenueDetails;
    const inspector = await signInAs(t, s, '+8613800000001');
    const bound = await req('POST', venuesApi.bind.path, inspector, { declarationCode: ` ${venue.declarationCode.toLowerCase()} ` });
    expect(bound.status).toBe(200);
    const mine = bound.json.venue as Venue;
    expect(mine).toMatchObject({ id: venue.id, name: '新店 New Shop', timeZone: 'Asia/Shanghai', feverThreshold: 37.3 });
    expect(mine.tag).toMatch(/^[A-HJ-NP-Z2-9]{6}$/);
    // Binding again changes nothing; the inspector now has two venues.
    await req('POST', venuesApi.bind.path, inspector, { declarationCode: venue.declarationCode });
    expect(((await req('GET', venuesApi.mine.path, inspector)).json.venues as Venue[]).map((v) => v.id).sort()).toEqual([venue.id, 'venue-demo'].sort());

    // The manager binds as an inspector too.
    expect((await req('POST', venuesApi.bind.path, manager, { declarationCode: venue.declarationCode })).status).toBe(200);
    const listed = await req('GET', venueManagerApi.inspectors.path, manager);
    const members = listed.json.inspectors as VenueMember[];
    expect(members).toHaveLength(2);
    expect(members.find((m) => !m.isYou)?.tag).toBe(mine.tag);
    expect(listed.text).not.toMatch(/u-insp|1380000|u-mgr/);
    expect((await s.audit.recent(20)).filter((a) => a.action === 'venue.bind-inspector')).toHaveLength(2);

    const sync = (venueId: string, capturedAt: number) =>
      req('POST', syncApi.checkpoints.path, inspector, {
        deviceId: 'dev-a',
        batchId: uuidv7(t.clock.t),
        sentAt: t.clock.t,
        records: [{ id: uuidv7(capturedAt), seq: capturedAt, code: 'HG1:NOT-A-CODE', venueId, inspectorId: 'u-insp', temperature: 36.5, verdict: 'malformed', capturedAt }],
      });
    expect(((await sync(venue.id, t.clock.t - 1000)).json.results as { status: string }[])[0]).toMatchObject({ status: 'accepted' });

    // Someone else's venue or a wrong tag: nothing happens.
    expect((await req('DELETE', pathOf(venueManagerApi.unbind.path, { tag: 'ZZZZZZ' }), manager)).status).toBe(404);
    expect((await req('DELETE', pathOf(venueManagerApi.unbind.path, { tag: 'bad tag!' }), manager)).status).toBe(404);
    expect((await req('DELETE', pathOf(venueManagerApi.unbind.path, { tag: mine.tag! }), manager)).json).toEqual({ ok: true });
    expect((await req('DELETE', pathOf(venueManagerApi.unbind.path, { tag: mine.tag! }), manager)).status).toBe(404);
    expect((await s.audit.recent(30)).find((a) => a.action === 'venue.unbind-inspector')).toMatchObject({ target: `venue:${venue.id}` });

    // A record captured before the unbind and synced after it still counts (a phone that was offline).
    const unboundAt = t.clock.t;
    t.clock.advance(10 * 60_000);
    expect(((await sync(venue.id, unboundAt - 30_000)).json.results as unknown[])[0]).toMatchObject({ status: 'accepted' });
    // One captured after it is refused, with the reason.
    const refused = await sync(venue.id, t.clock.t - 1000);
    expect((refused.json.results as unknown[])[0]).toMatchObject({ status: 'rejected', reason: 'not-bound-to-venue' });
    // The earlier records are still stored; the other venue still works.
    expect(await s.records.countRecords()).toBe(2);
    expect(((await sync('venue-demo', t.clock.t - 500)).json.results as unknown[])[0]).toMatchObject({ status: 'accepted' });
    expect(((await req('GET', venuesApi.mine.path, inspector)).json.venues as Venue[]).map((v) => v.id)).toEqual(['venue-demo']);
  });

  it('an inspector leaves a venue; unknown and malformed codes are refused; holders cannot bind', async () => {
    const s = store();
    const { t, req } = await setUp(s);
    const inspector = await signInAs(t, s, '+8613800000001');
    const holder = await signInAs(t, s, '+8613800000002');
    const demo = await s.venues.getVenue('venue-demo');
    expect(demo?.declaration_code).toBeNull();
    expect((await req('POST', venuesApi.bind.path, inspector, { declarationCode: 'HGV1:ABCDEFGHJKLMNPQR' })).json).toMatchObject({ error: { code: 'declaration_code_unknown' } });
    expect((await req('POST', venuesApi.bind.path, inspector, { declarationCode: 'HG1:6BFOXN*TS0BI' })).json).toMatchObject({ error: { code: 'validation_failed' } });
    expect((await req('POST', venuesApi.bind.path, holder, { declarationCode: 'HGV1:ABCDEFGHJKLMNPQR' })).status).toBe(403);
    expect((await req('POST', venuesApi.bind.path, undefined, { declarationCode: 'HGV1:ABCDEFGHJKLMNPQR' })).status).toBe(401);
    expect((await req('DELETE', pathOf(venuesApi.leave.path, { id: 'venue-other' }), inspector)).status).toBe(404);
    expect((await req('DELETE', pathOf(venuesApi.leave.path, { id: 'venue-demo' }), holder)).status).toBe(403);
    expect((await req('DELETE', pathOf(venuesApi.leave.path, { id: 'venue-demo' }), inspector)).json).toEqual({ ok: true });
    expect((await req('GET', venuesApi.mine.path, inspector)).json).toEqual({ venues: [] });
    expect((await s.audit.recent(10)).find((a) => a.action === 'venue.leave')).toMatchObject({ actor: 'user:u-insp', target: 'venue:venue-demo' });
  });
});

describeStores('hand-over (更换绑定)', (store) => {
  it('moves the venue to the account of a new phone, made if needed; the old manager has none', async () => {
    const s = store();
    const { t, req, manager } = await setUp(s);
    const venue = (await req('POST', venueManagerApi.register.path, manager, FORM)).json.venue as VenueDetails;
    expect((await req('POST', venueManagerApi.handOver.path, manager, { phone: '13800000004' })).status).toBe(400);
    expect((await req('POST', venueManagerApi.handOver.path, manager, { phone: 'call me' })).status).toBe(400);
    const done = await req('POST', venueManagerApi.handOver.path, manager, { phone: '13700000077' });
    expect(done.json).toEqual({ ok: true });
    expect((await req('GET', venueManagerApi.get.path, manager)).json).toEqual({ venue: null });
    const next = await signInAs(t, s, '+8613700000077');
    expect((await req('GET', venueManagerApi.get.path, next)).json.venue).toMatchObject({ id: venue.id, contactPhoneMasked: '137****0077' });
    expect(JSON.parse((await s.audit.recent(10)).find((a) => a.action === 'venue.hand-over')!.detail)).toMatchObject({ from: 'u-mgr', newAccount: true });

    // A manager who has a venue cannot receive another; one without can.
    await req('POST', venueManagerApi.register.path, manager, { ...FORM, name: 'Second' });
    expect((await req('POST', venueManagerApi.handOver.path, next, { phone: '13800000004' })).json).toMatchObject({ error: { code: 'manager_has_venue' } });
    expect((await req('POST', venueManagerApi.handOver.path, next, { phone: '13800000044' })).json).toEqual({ ok: true });
    const mgr2 = await signInAs(t, s, '+8613800000044');
    expect((await req('GET', venueManagerApi.get.path, mgr2)).json.venue).toMatchObject({ id: venue.id });
  });
});
