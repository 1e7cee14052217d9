import { describe, expect, it } from 'vitest';
import { clockHint, gateNow } from './clock.js';
import { verifyCode } from './code/verify.js';
import { makeTestIssuer, T0 } from './testing.js';

const MIN = 60_000;
const HOUR = 60 * MIN;

describe('gateNow', () => {
  it('uses the phone clock when it is at or past the lists’ signing time', () => {
    expect(gateNow(T0 + HOUR, T0)).toEqual({ now: T0 + HOUR, behindByMs: 0, warn: false });
    expect(gateNow(T0, T0)).toEqual({ now: T0, behindByMs: 0, warn: false });
    expect(gateNow(T0, undefined)).toEqual({ now: T0, behindByMs: 0, warn: false });
  });

  it('anchors to the signing time when the phone is behind, and warns past the tolerance', () => {
    expect(gateNow(T0 - 30_000, T0)).toEqual({ now: T0, behindByMs: 30_000, warn: false });
    expect(gateNow(T0 - 3 * 86_400_000, T0)).toEqual({ now: T0, behindByMs: 3 * 86_400_000, warn: true });
    expect(gateNow(T0 - 30_000, T0, 10_000).warn).toBe(true);
  });

  it('keeps an expired code expired on a phone set back in time', async () => {
    const iss = await makeTestIssuer();
    const code = await iss.issue({}, T0);
    const listsSignedAt = T0 + 80 * HOUR; // synced after the 72 h code expired
    const redList = { version: 1, issuedAt: listsSignedAt, salt: 's', entries: new Set<string>() };
    const trust = { ...iss.trust, issuedAt: listsSignedAt };
    const setBack = T0 + HOUR;
    expect((await verifyCode(code, trust, redList, setBack)).kind).toBe('green'); // what the raw clock would say
    const clock = gateNow(setBack, listsSignedAt);
    expect(clock.warn).toBe(true);
    expect((await verifyCode(code, trust, redList, clock.now)).kind).toBe('expired');
  });
});

describe('clockHint', () => {
  const seen = (offset: number) => ({ serverTime: T0, deviceTime: T0 - offset });

  it('is quiet with no server time seen, or a clock within a minute', () => {
    expect(clockHint(T0, undefined)).toEqual({ kind: 'ok' });
    expect(clockHint(T0 + HOUR, seen(30_000))).toEqual({ kind: 'ok' });
    expect(clockHint(T0 + HOUR, seen(-30_000))).toEqual({ kind: 'ok' });
  });

  it('says behind or ahead from the offset measured when the server time was seen', () => {
    expect(clockHint(T0 + HOUR, seen(5 * MIN))).toEqual({ kind: 'behind', byMs: 5 * MIN });
    expect(clockHint(T0 + HOUR, seen(-5 * MIN))).toEqual({ kind: 'ahead', byMs: 5 * MIN });
  });

  it('says behind when the clock was set back after the server time was seen', () => {
    // In sync when the code came, then set back a day: now earlier than a server time already seen.
    expect(clockHint(T0 - 86_400_000 + HOUR, seen(0))).toEqual({ kind: 'behind', byMs: 86_400_000 - HOUR });
  });

  it('takes a threshold', () => {
    expect(clockHint(T0, seen(30_000), 10_000)).toEqual({ kind: 'behind', byMs: 30_000 });
  });
});
