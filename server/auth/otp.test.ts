import { expect, it, vi } from 'vitest';
import { AppError } from '../../shared/errors.js';
import type { SmsSender } from '../sms/sender.js';
import { describeStores } from '../testing/stores.js';
import type { Store } from '../store/store.js';
import { OTP_RULES, OtpService } from './otp.js';
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
    const { sms, otp } = await setup(store());
    await otp.request(KNOWN, 'ip1');
    const right = sms.lastCode(KNOWN);
    const answers = [];
    for (let i = 0; i < 5; i++) answers.push(await code(otp.verify(KNOWN, wrong(right), 'ip1')));
    expect(answers).toEqual(['otp_invalid', 'otp_invalid', 'otp_invalid', 'otp_invalid', 'otp_too_many_attempts']);
    expect(await code(otp.verify(KNOWN, right, 'ip1'))).toBe('otp_too_many_attempts');
  });

  it('evaluates at most 5 of 50 parallel wrong guesses', async () => {
    const s = store();
    const { sms, otp } = await setup(s);
    await otp.request(KNOWN, 'ip1');
    const right = sms.lastCode(KNOWN);
    const spend = vi.spyOn(s.auth, 'spendAttempt');
    const answers = await Promise.all(Array.from({ length: 50 }, (_, i) => code(otp.verify(KNOWN, wrong(right), `ip-${i}`))));
    const evaluated = (await Promise.all(spend.mock.results.map((r) => r.value))).filter(Boolean);
    expect(spend).toHaveBeenCalledTimes(50);
    expect(evaluated.length).toBeLessThanOrEqual(5);
    expect(answers.every((a) => a === 'otp_invalid' || a === 'otp_too_many_attempts')).toBe(true);
    expect((await s.auth.latestChallenge(KNOWN))?.attempts).toBe(5);
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

  it('sends at most 5 codes an hour and 10 a day to one phone', async () => {
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
    clock.advance(3_600_000);
    expect(await code(otp.request(KNOWN, 'ip-c'))).toBe('rate_limited');
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
