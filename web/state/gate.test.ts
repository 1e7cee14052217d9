import 'fake-indexeddb/auto';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { makeTestIssuer, type TestIssuer } from '../../shared/testing.js';
import { appDb } from '../db/db.js';
import { todayTally } from '../db/outbox.js';
import { midScan } from './activity.js';
import { checkCode, gateError, parseTemperature, pressKey, saveRecord, savedAt, scan, setTempText, tempText, venueId } from './gate.js';
import { trustStore } from './lists.js';
import { me } from './session.js';

let issuer: TestIssuer;
beforeAll(async () => {
  issuer = await makeTestIssuer('active', Date.now());
  trustStore.value = issuer.trust;
  me.value = { id: 'insp-1', role: 'inspector', maskedName: null };
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
    expect(await todayTally(db)).toEqual({ scanned: 1, fever: 1, notGreen: 1 });
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
