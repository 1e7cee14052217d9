import 'fake-indexeddb/auto';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { makeTestDevice } from '../../../shared/code/live-testing.js';
import { presentCode } from '../../../shared/code/presentation.js';
import { makeTestIssuer, type TestIssuer } from '../../../shared/testing.js';
import { midScan } from '../../app/activity.js';
import { me } from '../../app/session.js';
import { appDb } from '../../db/db.js';
import { checksToday, refusedToday } from '../../db/gate-log.js';
import { todayTally } from '../../db/outbox.js';
import { redList, trustStore } from './lists.js';
import { DEFAULT_POLICY, policy } from './policy.js';
import { checkCode, gateError, lastDone, logRefusal, parseTemperature, pressKey, saveRecord, scan, setTempText, tempText } from './state.js';
import { venueId, venueRules, venues } from './venues.js';

let issuer: TestIssuer;
beforeAll(async () => {
  issuer = await makeTestIssuer('active', Date.now());
  trustStore.value = issuer.trust;
  me.value = { id: 'insp-1', role: 'inspector', maskedName: null };
  venues.value = [
    { id: 'venue-1', name: 'Library', timeZone: 'Asia/Shanghai', feverThreshold: 37.3 },
    { id: 'venue-2', name: 'Clinic', timeZone: 'Asia/Shanghai', feverThreshold: 38.0 },
  ];
});
beforeEach(() => {
  venueId.value = 'venue-1';
  tempText.value = '';
  scan.value = null;
  gateError.value = null;
  redList.value = undefined;
  trustStore.value = issuer.trust;
  policy.value = DEFAULT_POLICY;
});
afterEach(() => {
  vi.useRealTimers();
});

/** A held red list, signed `issuedAt`, with nobody on it. */
const emptyRedList = (issuedAt: number) => ({ version: 1, issuedAt, salt: 'c2FsdA', entries: new Set<string>() });

describe('gate state', () => {
  it('keypad: three taps make 36.5, a digit after a full value starts again, back deletes', () => {
    for (const k of ['3', '6', '5']) pressKey(k);
    expect(tempText.value).toBe('36.5');
    pressKey('3');
    expect(tempText.value).toBe('3');
    pressKey('7');
    pressKey('.');
    pressKey('.');
    pressKey('2');
    expect(tempText.value).toBe('37.2');
    pressKey('back');
    expect(tempText.value).toBe('37.');
    expect(parseTemperature('37.')).toBe(37);
    expect(parseTemperature('3')).toBeNull();
    setTempText('38,4');
    expect(tempText.value).toBe('38.4');
  });

  it('a verdict comes from the held lists; without a red list a good code is cannot-confirm, never green', async () => {
    const v = await checkCode(await issuer.issue());
    expect(v?.kind).toBe('cannot-confirm');
    expect(midScan.value).toBe(true);
    expect((await checkCode('HG1:NOPE'))?.kind).toBe('malformed');
  });

  it('refuses an out-of-range temperature without writing, then saves and clears for the next scan', async () => {
    const db = appDb();
    await checkCode(await issuer.issue());
    setTempText('45.5');
    expect(await saveRecord()).toBe(false);
    expect(gateError.value?.key).toBe('temp.range');
    expect(await db.outbox.count()).toBe(0);

    setTempText('37.5');
    expect(await saveRecord()).toBe(true);
    expect(scan.value).toBeNull();
    expect(midScan.value).toBe(false);
    expect(lastDone.value).toMatchObject({ kind: 'saved', temperature: 37.5 });
    const [row] = await db.outbox.toArray();
    expect(row).toMatchObject({ temperature: 37.5, venueId: 'venue-1', inspectorId: 'insp-1', verdict: 'cannot-confirm', seq: 1 });
    expect(await todayTally(db, 'Asia/Shanghai')).toEqual({ scanned: 1, fever: 1, notGreen: 1 });
  });

  it("marks fever by the picked venue's threshold, not a setting on the phone", async () => {
    venueId.value = 'venue-2';
    expect(venueRules.value).toEqual({ timeZone: 'Asia/Shanghai', feverThreshold: 38.0 });
    const db = appDb();
    const before = await todayTally(db, 'Asia/Shanghai');
    await checkCode(await issuer.issue());
    setTempText('37.5');
    expect(await saveRecord()).toBe(true);
    expect(await todayTally(db, 'Asia/Shanghai')).toEqual({ ...before, scanned: before.scanned + 1, notGreen: before.notGreen + 1 });
    venueId.value = 'venue-unknown';
    expect(venueRules.value).toEqual({ timeZone: 'Asia/Shanghai', feverThreshold: 37.3 });
  });

  it('needs a venue and a temperature before saving', async () => {
    await checkCode(await issuer.issue());
    venueId.value = null;
    setTempText('36.5');
    expect(await saveRecord()).toBe(false);
    expect(gateError.value?.key).toBe('gate.pickVenue');
    venueId.value = 'venue-1';
    setTempText('');
    expect(await saveRecord()).toBe(false);
    expect(gateError.value?.key).toBe('temp.required');
  });

  it('cannot save an unreadable or forged scan as a check: it is scanned again or logged as refused, apart from the tally', async () => {
    const db = appDb();
    const before = await todayTally(db, 'Asia/Shanghai');
    const records = await db.outbox.count();
    await checkCode('HG1:GARBAGE');
    setTempText('36.5');
    expect(await saveRecord()).toBe(false);
    expect(await db.outbox.count()).toBe(records);
    expect(await logRefusal()).toBe(true);
    expect(lastDone.value).toMatchObject({ kind: 'refused' });
    expect(scan.value).toBeNull();
    expect((await refusedToday(db, 'Asia/Shanghai')).at(-1)).toMatchObject({ verdict: 'malformed', venueId: 'venue-1', codeTail: 'BAGE' });
    expect(await todayTally(db, 'Asia/Shanghai')).toEqual(before);
    // A genuine code is a check, never a refused entry.
    await checkCode(await issuer.issue());
    expect(await logRefusal()).toBe(false);
  });

  it('judges at the lists’ signing time when the phone is set back, and records the check at that time', async () => {
    const db = appDb();
    const real = Date.now();
    redList.value = emptyRedList(real);
    // A code that expired an hour ago, shown to a phone whose clock was set back two hours.
    const expired = await issuer.issue({ iat: Math.floor((real - 5 * 3600_000) / 1000), exp: Math.floor((real - 3600_000) / 1000) });
    vi.useFakeTimers({ now: real - 2 * 3600_000, toFake: ['Date'] });
    expect((await checkCode(expired))?.kind).toBe('expired');
    const fresh = await issuer.issue({}, real - 60_000);
    expect((await checkCode(fresh))?.kind).toBe('green');
    expect(scan.value?.at).toBe(real);
    setTempText('36.6');
    expect(await saveRecord()).toBe(true);
    const [latest] = await checksToday(db, 'Asia/Shanghai', real);
    expect(latest?.record).toMatchObject({ temperature: 36.6, capturedAt: real, verdict: 'green' });
  });

  it('judges live codes by the deployment’s policy: a plain phone code is a replay once the switch is off', async () => {
    redList.value = emptyRedList(Date.now());
    const device = await makeTestDevice();
    const bound = await issuer.issue({ cnf: device.cnf });
    expect(await checkCode(await presentCode(bound, device.privateKey, Date.now()))).toMatchObject({ kind: 'green', presence: 'live' });
    expect(await checkCode(await presentCode(bound, device.privateKey, Date.now() - 3 * 60_000))).toMatchObject({ kind: 'replay', because: 'proof-too-old' });
    expect(await checkCode(bound)).toMatchObject({ kind: 'green', presence: 'not-live-checked' });
    policy.value = { ...DEFAULT_POLICY, acceptWithoutProof: false };
    expect(await checkCode(bound)).toMatchObject({ kind: 'replay', because: 'no-proof' });
    expect(await checkCode(await issuer.issue({ kind: 'printed' }))).toMatchObject({ kind: 'green', presence: 'printed' });
  });

  it('leaves the scan on screen alone when told to ignore the verdict (the camera still sees the same person)', async () => {
    await checkCode(await issuer.issue());
    const shown = scan.value;
    setTempText('36.5');
    expect(await checkCode(await issuer.issue(), () => true)).toBeUndefined();
    expect(scan.value).toBe(shown);
    expect(tempText.value).toBe('36.5');
  });
});
