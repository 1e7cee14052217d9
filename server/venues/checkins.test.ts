// Sunflower check-ins through the real app: a bound inspector's codes for the coming days, a
// visitor's check-in under their own identity, and forged, foreign, old and future codes refused.

import { expect, it } from 'vitest';
import { checkinApi } from '../../shared/api/checkin.js';
import { pathOf } from '../../shared/api/contract.js';
import { CHECKIN_PREFIX, signCheckinCode } from '../../shared/checkin.js';
import { fromBase64Url, toBase64Url } from '../../shared/bytes.js';
import { makeTestIssuer } from '../../shared/testing.js';
import { uuidv7 } from '../../shared/uuid.js';
import type { VenueStats } from '../../shared/api/stats.js';
import { inspectorLabel } from '../stats/counts.js';
import { seedPeople, signInAs, testServer } from '../testing/server.js';
import { describeStores } from '../testing/stores.js';

const DAY = 86_400_000;

describeStores('sunflower check-ins', (store) => {
  async function setUp() {
    const s = store();
    const t = await testServer(s);
    await seedPeople(s);
    const req = async (method: string, path: string, cookie: string | undefined, body?: unknown) => {
      const res = await t.app.request(path, {
        method,
        headers: { ...(cookie ? { cookie } : {}), ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      });
      return { status: res.status, json: (await res.json()) as Record<string, unknown> };
    };
    const inspector = await signInAs(t, s, '+8613800000001');
    const visitor = await signInAs(t, s, '+8613800000002');
    const codesPath = pathOf(checkinApi.codes.path, { id: 'venue-demo' });
    const codes = (await req('GET', codesPath, inspector)).json.codes as { day: string; code: string }[];
    return { s, t, req, inspector, visitor, codes, codesPath };
  }

  it('gives a bound inspector a signed code per day for a week, and nobody else', async () => {
    const { t, req, codes, codesPath } = await setUp();
    // The test clock starts on Saturday 2026-11-21 in Shanghai.
    expect(codes.map((c) => c.day)).toEqual(['2026-11-21', '2026-11-22', '2026-11-23', '2026-11-24', '2026-11-25', '2026-11-26', '2026-11-27']);
    for (const c of codes) expect(c.code.startsWith(CHECKIN_PREFIX)).toBe(true);
    const s = store();
    const holder = await signInAs(t, s, '+8613800000003');
    expect((await req('GET', codesPath, holder)).status).toBe(403);
    expect((await req('GET', codesPath, undefined)).status).toBe(401);
    const inspector = await signInAs(t, s, '+8613800000001');
    expect((await req('GET', pathOf(checkinApi.codes.path, { id: 'venue-other' }), inspector)).status).toBe(403);
  });

  it('records a check-in once under the visitor, also when sent later from the queue', async () => {
    const { s, t, req, visitor, codes } = await setUp();
    const id = uuidv7(t.clock.t);
    const body = { id, code: codes[0]!.code, capturedAt: t.clock.t };
    expect((await req('POST', checkinApi.record.path, visitor, body)).json).toEqual({ status: 'accepted', venueName: '示范商场 Demo Mall', day: '2026-11-21' });
    expect((await req('POST', checkinApi.record.path, visitor, body)).json).toMatchObject({ status: 'duplicate' });
    const rows = await s.checkins.ofVenueDay('venue-demo', '2026-11-21');
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ id, user_id: 'u-green', sub: 'Z3JlZW4tMDE', day: '2026-11-21' });
    expect(rows[0]!.inspector_tag).toMatch(/^[A-HJ-NP-Z2-9]{6}$/);

    // Queued offline yesterday evening, sent this morning: it counts on the day it happened.
    t.clock.advance(DAY);
    const late = await signInAs(t, s, '+8613800000002');
    const queued = { id: uuidv7(t.clock.t - DAY), code: codes[0]!.code, capturedAt: t.clock.t - DAY + 1000 };
    expect((await req('POST', checkinApi.record.path, late, queued)).json).toMatchObject({ status: 'accepted', day: '2026-11-21' });
  });

  it('refuses forged, foreign, old, early and future codes, and staff', async () => {
    const { s, t, req, visitor, inspector, codes } = await setUp();
    const at = t.clock.t;
    const refused = async (code: string, capturedAt = at, who = visitor) => {
      const res = await req('POST', checkinApi.record.path, who, { id: uuidv7(capturedAt), code, capturedAt });
      return { status: res.status, code: (res.json.error as { code: string; message: string } | undefined)?.code, message: (res.json.error as { message: string } | undefined)?.message };
    };
    const bytes = fromBase64Url(codes[0]!.code.slice(CHECKIN_PREFIX.length));
    bytes[bytes.length - 1]! ^= 1;
    expect(await refused(CHECKIN_PREFIX + toBase64Url(bytes))).toMatchObject({ status: 400, code: 'checkin_refused', message: expect.stringContaining('bad-signature') as unknown });
    const foreign = await makeTestIssuer();
    const foreignCode = await signCheckinCode({ venueId: 'venue-demo', venueName: 'x', inspectorTag: 'AAAAAA', day: '2026-11-21', timeZone: 'Asia/Shanghai' }, foreign.signer);
    expect(await refused(foreignCode)).toMatchObject({ code: 'checkin_refused', message: expect.stringContaining('unknown-key') as unknown });
    // Tomorrow's code today, today's code tomorrow.
    expect(await refused(codes[1]!.code)).toMatchObject({ code: 'checkin_refused', message: expect.stringContaining('wrong-day') as unknown });
    expect(await refused(codes[0]!.code, at + DAY)).toMatchObject({ code: 'checkin_refused' });
    expect(await refused(codes[0]!.code, at + 10 * 60_000)).toMatchObject({ code: 'checkin_refused', message: expect.stringContaining('future') as unknown });
    expect(await refused('HGK1:nonsense')).toMatchObject({ code: 'checkin_refused' });
    expect(await refused(codes[0]!.code, at, inspector)).toMatchObject({ status: 403 });
    expect((await req('POST', checkinApi.record.path, visitor, { id: 'not-a-uuid', code: codes[0]!.code, capturedAt: at })).status).toBe(400);
    expect((await req('POST', checkinApi.record.path, visitor, { id: uuidv7(at), code: codes[0]!.code, capturedAt: at, venueId: 'x' })).status).toBe(400);
    expect(await s.checkins.ofVenueDay('venue-demo', '2026-11-21')).toEqual([]);
  });

  it('counts a check-in in the statistics at once: a normal-temperature check of the visitor, latest of the day', async () => {
    const { s, t, req, codes } = await setUp();
    await s.stats.setVenueManager('venue-demo', 'u-mgr');
    const manager = await signInAs(t, s, '+8613800000004');
    // A visitor with a mainland ID (a woman born 1949): sex and age band come from it on the server.
    await s.people.createPerson({ id: 'p-id', sub: 'aWQtcGVyc29uMQ', name: '王芳', document_no: '11010519491231002X', status: 'green', reason: 'none', status_changed_at: 1, created_at: 1 });
    await s.accounts.createUser({ id: 'u-id', phone: '+8613800000009', role: 'holder', person_id: 'p-id', created_at: 1 });
    const visitor = await signInAs(t, s, '+8613800000009');
    // Twelve people checked at the gate an hour ago, six with a fever — the visitor among them.
    const at = t.clock.t - 3_600_000;
    const rows = Array.from({ length: 12 }, (_, i) => ({
      id: `gate-${String(i).padStart(2, '0')}`,
      device_id: 'dev-1',
      seq: i + 1,
      batch_id: 'b',
      venue_id: 'venue-demo',
      inspector_id: 'u-insp',
      code: 'HG1:X',
      sub: i === 0 ? 'aWQtcGVyc29uMQ' : `sub-${i}`,
      temperature: i < 6 ? 38.4 : 36.5,
      client_verdict: 'green',
      server_verdict: 'green',
      captured_at: at,
      received_at: at,
      day: '2026-11-21',
      hour: 15,
      sex: 'male' as const,
      age_band: '30-39',
      supersedes: null,
      content_hash: `h-${i}`,
      flags: '',
      clock_skew_ms: 0,
    }));
    await s.records.insertRecords(rows);
    await s.stats.markDaysChanged([{ venueId: 'venue-demo', day: '2026-11-21' }]);
    const stats = async () => (await req('GET', `/api/venues/venue-demo/stats?from=2026-11-21&to=2026-11-21`, manager)).json as unknown as VenueStats;
    expect((await stats()).today).toMatchObject({ people: 12, fever: 6, checkins: '<5' });

    // The visitor checks in now: their latest check of the day is normal, so the fever count drops.
    const res = await req('POST', checkinApi.record.path, visitor, { id: uuidv7(t.clock.t), code: codes[0]!.code, capturedAt: t.clock.t });
    expect(res.json).toMatchObject({ status: 'accepted' });
    // The day is handed to the recounter, which makes its counts again off the request path.
    expect((await s.stats.staleDays('venue-demo', '2026-11-21', '2026-11-21')).size).toBe(1);
    await t.services.recounter.flush();
    expect((await s.stats.staleDays('venue-demo', '2026-11-21', '2026-11-21')).size).toBe(0);
    const row = (await s.checkins.ofVenueDay('venue-demo', '2026-11-21'))[0]!;
    expect(row).toMatchObject({ sub: 'aWQtcGVyc29uMQ', inspector_id: 'u-insp', sex: 'female', age_band: '60+', hour: 16, status: 'green' });
    const after = await stats();
    expect(after.today).toMatchObject({ people: 12, fever: 5, checkins: '<5' });
    expect(after.today.hours[16]).toBe('<5');
    // Nothing personal reaches the manager, and the inspector is the same label as at the gate.
    expect(JSON.stringify(after)).not.toMatch(/王芳|11010519491231002X|13800000009|u-id|u-insp/);
    expect(after.today.inspectors.map((i) => i.label)).toEqual([inspectorLabel('venue-demo', 'u-insp')]);
  });
});
