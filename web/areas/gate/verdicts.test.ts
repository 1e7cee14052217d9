import { beforeAll, describe, expect, it } from 'vitest';
import { makeTestDevice } from '../../../shared/code/live-testing.js';
import { presentCode } from '../../../shared/code/presentation.js';
import { decodeBase45, encodeBase45 } from '../../../shared/code/base45.js';
import { CODE_PREFIX, verifyCode, type Verdict } from '../../../shared/code/verify.js';
import { makeTestIssuer, T0, type TestIssuer } from '../../../shared/testing.js';
import { isCheckable, presenceKey, spokenKey, titleKey, toneOf } from './verdicts.js';

let issuer: TestIssuer;
const red = { version: 1, issuedAt: T0, salt: 'c2FsdA', entries: new Set<string>() };
const judge = (text: string, at = T0): Promise<Verdict> => verifyCode(text, issuer.trust, red, at);

beforeAll(async () => {
  issuer = await makeTestIssuer('active', T0);
});

describe('how verdicts show', () => {
  it('tells live, printed and not-live-checked green codes apart, in the title and the presence line', async () => {
    const device = await makeTestDevice();
    const bound = await issuer.issue({ cnf: device.cnf });
    const live = await judge(await presentCode(bound, device.privateKey, T0));
    expect([toneOf(live), titleKey(live), presenceKey(live), isCheckable(live)]).toEqual(['green', 'verdict.green', 'presence.live', true]);
    const printed = await judge(await issuer.issue({ kind: 'printed' }));
    expect([toneOf(printed), titleKey(printed), presenceKey(printed), spokenKey(printed)]).toEqual(['green', 'verdict.green-printed', null, 'speak.green-printed']);
    const plain = await judge(bound);
    expect([titleKey(plain), presenceKey(plain)]).toEqual(['verdict.green-not-live', null]);
    // On a red code, a printed code still needs the ID check; how a phone code was shown does not matter.
    const redPrinted = await judge(await issuer.issue({ kind: 'printed', status: 'red', reason: 'quarantine' }));
    expect([titleKey(redPrinted), presenceKey(redPrinted)]).toEqual(['verdict.red', 'presence.printed']);
    expect(presenceKey(await judge(await issuer.issue({ cnf: device.cnf, status: 'red', reason: 'quarantine' })))).toBeNull();
  });

  it('gives a replay its own tone and no presence line of its own, and does not let it be saved as a check', async () => {
    const device = await makeTestDevice();
    const old = await presentCode(await issuer.issue({ cnf: device.cnf }), device.privateKey, T0 - 3 * 60_000);
    const replay = await judge(old);
    expect([replay.kind, toneOf(replay), presenceKey(replay), isCheckable(replay)]).toEqual(['replay', 'replay', null, false]);
  });

  it('lets genuine codes be checked whatever their colour, and nothing unreadable or forged', async () => {
    const redCode = await judge(await issuer.issue({ status: 'red', reason: 'close-contact' }));
    expect([toneOf(redCode), isCheckable(redCode)]).toEqual(['red', true]);
    const expired = await judge(await issuer.issue({}, T0 - 100 * 3600_000));
    expect([expired.kind, toneOf(expired), isCheckable(expired)]).toEqual(['expired', 'amber', true]);
    const bytes = decodeBase45((await issuer.issue()).slice(CODE_PREFIX.length));
    bytes[bytes.length - 1]! ^= 0x01; // the signature's last byte
    const forged = CODE_PREFIX + encodeBase45(bytes);
    const bad = await judge(forged);
    expect([bad.kind, isCheckable(bad)]).toEqual(['bad-signature', false]);
    const garbage = await judge('HG1:NOT A CODE');
    expect([garbage.kind, toneOf(garbage), isCheckable(garbage), presenceKey(garbage)]).toEqual(['malformed', 'amber', false, null]);
  });
});
