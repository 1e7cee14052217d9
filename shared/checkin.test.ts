import { describe, expect, it } from 'vitest';
import { fromBase64Url, toBase64Url } from './bytes.js';
import { CHECKIN_PREFIX, checkinLink, codeFromLink, signCheckinCode, verifyCheckinCode, type CheckinClaims } from './checkin.js';
import { makeTestIssuer, T0 } from './testing.js';

// T0 is 2026-11-21 16:00 in Shanghai.
const CLAIMS: CheckinClaims = { venueId: 'venue-1', venueName: '沙面茶楼', inspectorTag: 'ABC234', day: '2026-11-21', timeZone: 'Asia/Shanghai' };

describe('check-in codes (葵花码)', () => {
  it('round-trips its claims through a link, and holds for its day in the venue zone only', async () => {
    const issuer = await makeTestIssuer();
    const code = await signCheckinCode(CLAIMS, issuer.signer);
    expect(code.startsWith(CHECKIN_PREFIX)).toBe(true);
    expect(code.length).toBeLessThan(400);
    const link = checkinLink('https://hg.example', code);
    expect(link).toBe(`https://hg.example/checkin#${code}`);
    expect(codeFromLink(link)).toBe(code);
    expect(codeFromLink('https://hg.example/checkin')).toBeUndefined();
    expect(await verifyCheckinCode(code, issuer.trust, T0)).toEqual({ ok: true, claims: CLAIMS, kid: issuer.trustKey.kid });
    // Local midnight (16:00Z) starts the next day: the code is old.
    const nextDay = Date.parse('2026-11-21T16:00:00Z');
    expect(await verifyCheckinCode(code, issuer.trust, nextDay - 1)).toMatchObject({ ok: true });
    expect(await verifyCheckinCode(code, issuer.trust, nextDay)).toMatchObject({ ok: false, reason: 'wrong-day', claims: CLAIMS });
    expect(await verifyCheckinCode(code, issuer.trust, Date.parse('2026-11-20T15:59:59Z'))).toMatchObject({ ok: false, reason: 'wrong-day' });
  });

  it('refuses forged, foreign, withdrawn-key and unreadable codes', async () => {
    const issuer = await makeTestIssuer();
    const other = await makeTestIssuer();
    const code = await signCheckinCode(CLAIMS, issuer.signer);
    const bytes = fromBase64Url(code.slice(CHECKIN_PREFIX.length));
    bytes[bytes.length - 1]! ^= 1;
    expect(await verifyCheckinCode(CHECKIN_PREFIX + toBase64Url(bytes), issuer.trust, T0)).toMatchObject({ ok: false, reason: 'bad-signature' });
    expect(await verifyCheckinCode(code, other.trust, T0)).toMatchObject({ ok: false, reason: 'unknown-key' });
    expect(await verifyCheckinCode(code, undefined, T0)).toMatchObject({ ok: false, reason: 'unknown-key' });
    const withdrawn = { ...issuer.trust, keys: issuer.trust.keys.map((k) => ({ ...k, state: 'withdrawn' as const })) };
    expect(await verifyCheckinCode(code, withdrawn, T0)).toMatchObject({ ok: false, reason: 'unknown-key' });
    for (const bad of ['', 'HGK1:', 'HGK1:!!!', 'HG1:6BFOXN', `${CHECKIN_PREFIX}${'A'.repeat(900)}`, await issuer.issue()]) {
      expect(await verifyCheckinCode(bad, issuer.trust, T0), bad.slice(0, 20)).toMatchObject({ ok: false, reason: 'malformed' });
    }
    // Signed, but with claims that are not a check-in code's.
    const odd = await signCheckinCode({ ...CLAIMS, day: 'tomorrow' }, issuer.signer);
    expect(await verifyCheckinCode(odd, issuer.trust, T0)).toMatchObject({ ok: false, reason: 'malformed' });
  });
});
