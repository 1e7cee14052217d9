import { expect, it, vi } from 'vitest';
import { AppError } from '../../shared/errors.js';
import type { SmsSender } from '../sms/sender.js';
import { describeStores } from '../testing/stores.js';
import type { Store } from '../store/store.js';
import { backoffMs, OTP_RULES, OtpService } from './otp.js';
import { TestClock } from '../testing/server.js';

const KNOWN = '+8613800000002';
const UNKNOWN = '+8613911112222';
const SECRET = 'a-test-secret-that-is-long-enough-0123456789';

class FakeSms implements SmsSender {
  sent: { to: string; text: string }[] = [];
  async send(to: string, text: string) {
    this.sent.push({ to, text });
  }
  lastCode(to: string): string {
    const m = this.sent.filter((s) => s.to === to).at(-1)?.text.match(/\d{6}/);
    if (!m) throw new Error(`nothing sent to ${to}`);
    return m[0];
  }
}

async function setup(store: Store) {
  const clock = new TestClock();
  const sms = new FakeSms();
  const otp = new OtpService(store, { secret: SECRET, sms, now: clock.now, log: () => {} });
  await store.accounts.createUser({ id: 'u-holder', phone: KNOWN, role: 'holder', person_id: null, created_at: 1 });
  return { clock, sms, otp };
}

async function code(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return 'ok';
  } catch (e) {
    if (e instanceof AppError) return e.code;
    throw e;
  }
}

const wrong = (right: string) => String((Number(right) + 1) % 1_000_000).padStart(6, '0');

describeStores('SMS sign-in codes', (store) => {
  it('texts 6 digits, stores only a keyed hash, and accepts the code once', async () => {
    const { sms, otp } = await setup(store());
    await otp.request(KNOWN, 'ip1');
    const c = sms.lastCode(KNOWN);
    expect(c).toMatch(/^\d{6}$/);
    const row = await store().auth.latestChallenge(KNOWN);
    expect(row?.code_hmac).toMatch(/^[0-9a-f]{64}$/);
    expect(row?.code_hmac).not.toContain(c);
    expect(await code(otp.verify(KNOWN, c, 'ip1'))).toBe('ok');
    expect(await code(otp.verify(KNOWN, c, 'ip1'))).toBe('otp_invalid');
  });

  it('expires a code after 5 minutes', async () => {
    const { clock, sms, otp } = await setup(store());
    await otp.request(KNOWN, 'ip1');
    clock.advance(OTP_RULES.ttlMs);
    expect(await code(otp.verify(KNOWN, sms.lastCode(KNOWN), 'ip1'))).toBe('otp_expired');
  });

  it('counts 5 wrong tries, after which even the right code fails', async () => {
    const { clock, sms, otp } = await setup(store());
    await otp.request(KNOWN, 'ip1');
    const right = sms.lastCode(KNOWN);
    const answers = [];
    for (let i = 0; i < 5; i++) answers.push(await code(otp.verify(KNOWN, wrong(right), 'ip1')));
    expect(answers).toEqual(['otp_invalid', 'otp_invalid', 'otp_invalid', 'otp_invalid', 'otp_too_many_attempts']);
    // The client is backed off now; when the wait is over, the code's 5 tries are still spent.
    expect(await code(otp.verify(KNOWN, right, 'ip1'))).toBe('rate_limited');
    clock.advance(OTP_RULES.backoffStartMs);
    expect(await code(otp.verify(KNOWN, right, 'ip1'))).toBe('otp_too_many_attempts');
  });

  it('evaluates at most 20 of 50 parallel wrong guesses from 50 addresses', async () => {
    const s = store();
    const { sms, otp } = await setup(s);
    await otp.request(KNOWN, 'ip1');
    const right = sms.lastCode(KNOWN);
    const spend = vi.spyOn(s.auth, 'spendAttempt');
    const answers = await Promise.all(Array.from({ length: 50 }, (_, i) => code(otp.verify(KNOWN, wrong(right), `ip-${i}`))));
    const evaluated = (await Promise.all(spend.mock.results.map((r) => r.value))).filter(Boolean);
    expect(spend).toHaveBeenCalledTimes(50);
    expect(evaluated.length).toBeLessThanOrEqual(OTP_RULES.maxAttemptsPerCode);
    expect(answers.every((a) => a === 'otp_invalid' || a === 'otp_too_many_attempts')).toBe(true);
    expect((await s.auth.latestChallenge(KNOWN))?.attempts).toBe(OTP_RULES.maxAttemptsPerCode);
    expect(await code(otp.verify(KNOWN, right, 'ip1'))).toBe('otp_too_many_attempts');
  });

  it('refuses a resend within 60 s, and a new code voids the old one', async () => {
    const { clock, sms, otp } = await setup(store());
    await otp.request(KNOWN, 'ip1');
    const first = sms.lastCode(KNOWN);
    clock.advance(59_000);
    const err = await otp.request(KNOWN, 'ip1').catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'otp_resend_too_soon', retryAfterSec: 1 });
    expect(sms.sent).toHaveLength(1);
    clock.advance(1_000);
    await otp.request(KNOWN, 'ip1');
    const second = sms.lastCode(KNOWN);
    if (second !== first) expect(await code(otp.verify(KNOWN, first, 'ip1'))).toBe('otp_invalid');
    expect(await code(otp.verify(KNOWN, second, 'ip1'))).toBe('ok');
  });

  it('sends at most 5 codes an hour to one phone, with no day-long cap', async () => {
    const { clock, sms, otp } = await setup(store());
    const results = [];
    for (let i = 0; i < 6; i++) {
      results.push(await code(otp.request(KNOWN, `ip-${i}`)));
      clock.advance(61_000);
    }
    expect(results).toEqual(['ok', 'ok', 'ok', 'ok', 'ok', 'rate_limited']);
    clock.advance(3_600_000);
    for (let i = 0; i < 6; i++) {
      results.push(await code(otp.request(KNOWN, `ip-b${i}`)));
      clock.advance(61_000);
    }
    expect(results.slice(6)).toEqual(['ok', 'ok', 'ok', 'ok', 'ok', 'rate_limited']);
    expect(sms.sent).toHaveLength(10);
    // A day's spending by someone else blocks no one for long: the next hour has room again.
    clock.advance(3_600_000);
    expect(await code(otp.request(KNOWN, 'ip-c'))).toBe('ok');
  });

  it('counts failures per phone across codes: a new code does not give a client 5 fresh tries at once', async () => {
    const { clock, sms, otp } = await setup(store());
    await otp.request(KNOWN, 'ip1');
    for (let i = 0; i < 4; i++) expect(await code(otp.verify(KNOWN, wrong(sms.lastCode(KNOWN)), 'ip1'))).toBe('otp_invalid');
    clock.advance(61_000);
    await otp.request(KNOWN, 'ip1');
    expect(await code(otp.verify(KNOWN, wrong(sms.lastCode(KNOWN)), 'ip1'))).toBe('otp_invalid');
    // Fifth failure on this phone from this client: the next try waits, whatever code it is for.
    const err = await otp.verify(KNOWN, wrong(sms.lastCode(KNOWN)), 'ip1').catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'rate_limited', retryAfterSec: 60 });
  });

  it('backs off a guessing client more with every failure, doubling from a minute to at most an hour', async () => {
    const { clock, otp } = await setup(store());
    const waits: number[] = [];
    for (let failures = 1; failures <= 13; failures++) {
      await store().auth.addRateEvent(`otp-fail:client:${KNOWN}:ip-guess`, clock.t);
      const err = (await otp.verify(KNOWN, '000000', 'ip-guess').catch((e: unknown) => e)) as { code: string; retryAfterSec?: number };
      waits.push(err.code === 'rate_limited' ? err.retryAfterSec! : 0);
    }
    expect(waits).toEqual([0, 0, 0, 0, 60, 120, 240, 480, 960, 1920, 3600, 3600, 3600]);
    expect(backoffMs(4, false)).toBe(0);
    expect(backoffMs(1, true)).toBe(3_600_000);
    // Another client trying the same phone is not held back by this one's failures.
    expect(await code(otp.verify(KNOWN, '000000', 'ip-other'))).toBe('otp_invalid');
    clock.advance(3_600_000);
    expect(await code(otp.verify(KNOWN, '000000', 'ip-guess'))).toBe('otp_invalid');
  });

  it("keeps the owner's code usable while someone elsewhere guesses at it and spends the phone's sends", async () => {
    const { clock, sms, otp } = await setup(store());
    for (let round = 0; round < 5; round++) {
      await otp.request(KNOWN, 'attacker');
      for (let i = 0; i < 5; i++) await code(otp.verify(KNOWN, wrong(sms.lastCode(KNOWN)), 'attacker'));
      clock.advance(61_000);
    }
    expect(await code(otp.request(KNOWN, 'owner'))).toBe('rate_limited');
    // Every text the attacker triggered went to the owner's phone; the newest one signs them in.
    expect(await code(otp.verify(KNOWN, sms.lastCode(KNOWN), 'owner'))).toBe('ok');
  });

  it("lets the owner ask for a code within the hour however the number's sends were spent", async () => {
    const { clock, otp } = await setup(store());
    for (let i = 0; i < 5; i++) {
      await otp.request(KNOWN, `attacker-${i}`);
      clock.advance(61_000);
    }
    const err = (await otp.request(KNOWN, 'owner').catch((e: unknown) => e)) as { retryAfterSec: number };
    expect(err).toMatchObject({ code: 'rate_limited' });
    expect(err.retryAfterSec).toBeLessThanOrEqual(3600);
    clock.advance(err.retryAfterSec * 1000);
    expect(await code(otp.request(KNOWN, 'owner'))).toBe('ok');
  });

  it('after 100 failures on a phone in a day, takes the stronger step: one try per client per code', async () => {
    const { clock, sms, otp } = await setup(store());
    const s = store();
    for (let i = 0; i < OTP_RULES.strongerStepAfter; i++) await s.auth.addRateEvent(`otp-fail:phone:${KNOWN}`, clock.t - 1000);
    await otp.request(KNOWN, 'ip1');
    const right = sms.lastCode(KNOWN);
    expect(await code(otp.verify(KNOWN, wrong(right), 'guesser'))).toBe('otp_too_many_attempts');
    expect(await code(otp.verify(KNOWN, wrong(right), 'guesser'))).toBe('rate_limited');
    // The owner, elsewhere, still has their try.
    expect(await code(otp.verify(KNOWN, right, 'owner'))).toBe('ok');
  });

  it('audits sign-in successes and failures under a keyed hash of the phone, never the number', async () => {
    const { sms, otp } = await setup(store());
    await otp.request(KNOWN, 'ip1');
    await code(otp.verify(KNOWN, wrong(sms.lastCode(KNOWN)), 'ip1'));
    await code(otp.verify(KNOWN, sms.lastCode(KNOWN), 'ip1'));
    const entries = (await store().audit.recent(10)).filter((e) => e.action.startsWith('sign-in.'));
    expect(entries.map((e) => e.action).sort()).toEqual(['sign-in.failure', 'sign-in.success']);
    const ref = otp.phoneRef(KNOWN);
    expect(ref).toMatch(/^[A-Za-z0-9_-]{22}$/);
    for (const e of entries) {
      expect(e.target).toBe(`phone:${ref}`);
      expect(JSON.stringify(e)).not.toContain('13800000002');
    }
    expect(new OtpService(store(), { secret: `${SECRET}-other`, sms, log: () => {} }).phoneRef(KNOWN)).not.toBe(ref);
  });

  it('limits one IP to 30 requests an hour across phones', async () => {
    const { otp } = await setup(store());
    const phones = Array.from({ length: 31 }, (_, i) => `+86139000001${String(i).padStart(2, '0')}`);
    const results = [];
    for (const p of phones) results.push(await code(otp.request(p, '10.0.0.1')));
    expect(results.filter((r) => r === 'ok')).toHaveLength(30);
    expect(results.at(-1)).toBe('rate_limited');
    expect(await code(otp.request(phones.at(-1)!, '10.0.0.2'))).toBe('ok');
  });

  it('answers the same for a known and an unknown number, and texts only the known one', async () => {
    const { clock, sms, otp } = await setup(store());
    const known = await otp.request(KNOWN, 'ip1');
    const unknown = await otp.request(UNKNOWN, 'ip2');
    expect(unknown).toEqual(known);
    expect(sms.sent.map((s) => s.to)).toEqual([KNOWN]);
    clock.advance(10_000);
    const again = await Promise.all([otp.request(KNOWN, 'ip1').catch((e: unknown) => e), otp.request(UNKNOWN, 'ip2').catch((e: unknown) => e)]);
    expect(again[0]).toBeInstanceOf(AppError);
    expect(again[1]).toEqual(again[0]);
  });

  it('still answers normally when the SMS provider fails', async () => {
    const s = store();
    const lines: string[] = [];
    const failing: SmsSender = { send: async () => Promise.reject(new Error('provider down')) };
    const otp = new OtpService(s, { secret: SECRET, sms: failing, now: new TestClock().now, log: (l) => lines.push(l) });
    await s.accounts.createUser({ id: 'u1', phone: KNOWN, role: 'holder', person_id: null, created_at: 1 });
    expect(await otp.request(KNOWN, 'ip1')).toMatchObject({ sent: true });
    expect(lines.join('\n')).toContain('+86138****0002');
    expect(lines.join('\n')).not.toContain(KNOWN);
  });
});
