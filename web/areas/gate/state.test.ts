import 'fake-indexeddb/auto';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { makeTestIssuer, type TestIssuer } from '../../../shared/testing.js';
import { midScan } from '../../app/activity.js';
import { me } from '../../app/session.js';
import { appDb } from '../../db/db.js';
import { todayTally } from '../../db/outbox.js';
import { trustStore } from './lists.js';
import { checkCode, gateError, parseTemperature, pressKey, saveRecord, savedAt, scan, setTempText, tempText } from './state.js';
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
});

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
    expect(savedAt.value).not.toBeNull();
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
    await checkCode('HG1:X');
    venueId.value = null;
    setTempText('36.5');
    expect(await saveRecord()).toBe(false);
    expect(gateError.value?.key).toBe('gate.pickVenue');
    venueId.value = 'venue-1';
    setTempText('');
    expect(await saveRecord()).toBe(false);
    expect(gateError.value?.key).toBe('temp.required');
  });
});
