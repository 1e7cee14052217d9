// SMS sign-in codes (NIST SP 800-63B, OWASP ASVS): 6 CSPRNG digits, 5-minute life, single use,
// stored only as an HMAC under the server's secret, compared in constant time, resend ≥ 60 s with
// a new code voiding the old, and per-phone, per-IP and global limits. Known and unknown numbers get
// the same answer and the same limits; only known numbers are actually texted (a code to a
// stranger's phone is SMS pumping).
//
// Guessing and lock-out, together (README "Sign-in limits"):
// - Tries are counted per code *and per client* (the client address): 5 per client per code, so
//   someone else's wrong guesses never use up the owner's tries on the code in the owner's SMS.
// - Failures are counted per phone across codes. Per client, after 5 failures each further try
//   waits 1 min, doubling, at most an hour; a success resets it. Per phone across every client,
//   100 failures in 24 h (NIST's cap) switch on the stronger step: one try per client per code, an
//   hour's wait after each failure, and 5 tries per code from all clients together.
// - Per code, 20 tries from all clients together (a backstop against guessing from many addresses).
// - There is no daily send cap: at most 5 texts an hour per phone, and every text a third party
//   triggers goes to the owner's phone, where the newest code signs the owner in.
// So a third party who knows a number delays its owner by at most the hour a send slot takes.

import { createHmac, randomInt, timingSafeEqual } from 'node:crypto';
import type { OtpRequestResponse } from '../../shared/api/auth.js';
import { OtpExpiredError, OtpInvalidError, OtpTooManyAttemptsError, RateLimitedError } from '../../shared/errors.js';
import { record } from '../audit/log.js';
import type { Actor } from './actor.js';
import { maskPhone, type SmsSender } from '../sms/sender.js';
import type { Store } from '../store/store.js';
import { RateLimiter, type RateRule } from './rate-limit.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export const OTP_RULES = {
  ttlMs: 5 * MINUTE,
  /** Tries per code per client. */
  maxAttempts: 5,
  /** Tries per code from every client together (a few clients' worth), and under the stronger step. */
  maxAttemptsPerCode: 20,
  maxAttemptsPerCodeStronger: 5,
  resendMs: MINUTE,
  perPhonePerHour: 5,
  perIpPerHour: 30,
  /** Tries at verifying, per IP: guessing across many phones from one place is slowed too. */
  verifyPerIpPerHour: 100,
  /** An SMS budget for the whole service, against SMS pumping from many IPs. */
  globalPerHour: 2000,
  /** Failures per client on a phone before the back-off starts; it starts at a minute and doubles. */
  backoffAfter: 5,
  backoffStartMs: MINUTE,
  backoffMaxMs: HOUR,
  /** Failures per phone (all clients, 24 h) that switch on the stronger step (NIST 800-63B: ≤ 100). */
  strongerStepAfter: 100,
} as const;

/** How long a client must wait after its latest failure on a phone; 0 when it need not. */
export function backoffMs(clientFailures: number, stronger: boolean): number {
  if (stronger) return clientFailures > 0 ? OTP_RULES.backoffMaxMs : 0;
  if (clientFailures < OTP_RULES.backoffAfter) return 0;
  return Math.min(OTP_RULES.backoffMaxMs, OTP_RULES.backoffStartMs * 2 ** (clientFailures - OTP_RULES.backoffAfter));
}

/** Who signs in, as the audit log names them before they are anyone. */
const SIGN_IN: Actor = { kind: 'system', name: 'sign-in' };

export interface OtpServiceOptions {
  secret: string;
  sms: SmsSender;
  now?: () => number;
  log?: (line: string) => void;
}

export class OtpService {
  private readonly now: () => number;
  private readonly log: (line: string) => void;
  private readonly limiter: RateLimiter;
  private requests = 0;

  constructor(
    private readonly store: Store,
    private readonly options: OtpServiceOptions,
  ) {
    this.now = options.now ?? Date.now;
    this.log = options.log ?? console.error;
    this.limiter = new RateLimiter(store, this.now);
  }

  /**
   * `textUnknown`: also text a number no account has — only for a signed-in, re-verified person
   * binding a new number to their account (never for sign-in, where it would be SMS pumping).
   */
  async request(phone: string, ip: string, options: { textUnknown?: boolean } = {}): Promise<OtpRequestResponse> {
    await this.limiter.take(requestRules(phone, ip));
    const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
    const at = this.now();
    await this.store.transaction((tx) =>
      tx.auth.createChallenge({
        id: crypto.randomUUID(),
        phone,
        code_hmac: this.hmac(phone, code),
        created_at: at,
        expires_at: at + OTP_RULES.ttlMs,
        attempts: 0,
        used_at: null,
      }),
    );
    // Spent and expired challenges are worth nothing after a day; sweep now and then.
    if (++this.requests % 100 === 0) await this.store.auth.deleteChallengesBefore(at - 24 * HOUR);
    const known = options.textUnknown === true || (await this.store.accounts.usersByPhone(phone)).length > 0;
    if (known) {
      try {
        await this.options.sms.send(phone, smsText(code));
      } catch (e) {
        // The answer must not differ for known numbers, so a failed send is logged, not returned.
        this.log(`SMS to ${maskPhone(phone)} failed: ${e instanceof Error ? e.message : String(e)}`);
      }
    }
    return { sent: true, resendAfterSec: OTP_RULES.resendMs / 1000, expiresInSec: OTP_RULES.ttlMs / 1000 };
  }

  /** Spends the newest code for the phone, or throws otp_invalid / otp_expired / otp_too_many_attempts / rate_limited. */
  async verify(phone: string, code: string, ip: string): Promise<void> {
    await this.limiter.take([
      { key: `otp-verify:ip:${ip}`, windowMs: HOUR, limit: OTP_RULES.verifyPerIpPerHour, code: 'rate_limited', message: 'Too many sign-in attempts from this network; try again later.' },
    ]);
    const now = this.now();
    const phoneKey = `otp-fail:phone:${phone}`;
    const clientKey = `otp-fail:client:${phone}:${ip}`;
    const stronger = (await this.store.auth.countRateEvents(phoneKey, now - DAY)) >= OTP_RULES.strongerStepAfter;
    const clientFailures = await this.store.auth.rateEventTimes(clientKey, now - DAY, -1);
    const wait = backoffMs(clientFailures.length, stronger);
    const last = clientFailures.at(-1);
    if (wait > 0 && last !== undefined && now - last < wait) {
      throw new RateLimitedError('rate_limited', 'Too many wrong codes for this number; wait before trying again.', Math.max(1, Math.ceil((last + wait - now) / 1000)));
    }

    const latest = await this.store.auth.latestChallenge(phone);
    if (!latest || latest.used_at !== null) throw new OtpInvalidError();
    if (now >= latest.expires_at) throw new OtpExpiredError();
    // Count the try first (per client, then for the code): a try that loses the race for the last
    // attempt never gets compared.
    const tryKey = `otp-try:${latest.id}:${ip}`;
    await this.store.auth.addRateEvent(tryKey, now);
    const clientTries = await this.store.auth.countRateEvents(tryKey, now - OTP_RULES.ttlMs - 1);
    if (clientTries > (stronger ? 1 : OTP_RULES.maxAttempts)) throw new OtpTooManyAttemptsError();
    const challenge = await this.store.auth.spendAttempt(latest.id, stronger ? OTP_RULES.maxAttemptsPerCodeStronger : OTP_RULES.maxAttemptsPerCode);
    if (!challenge) {
      const again = await this.store.auth.latestChallenge(phone);
      if (again?.id === latest.id && again.used_at === null) throw new OtpTooManyAttemptsError();
      throw new OtpInvalidError();
    }
    if (!this.matches(challenge.code_hmac, phone, code)) {
      await this.store.auth.addRateEvent(phoneKey, now);
      await this.store.auth.addRateEvent(clientKey, now);
      await record(this.store, { at: now, actor: SIGN_IN, action: 'sign-in.failure', targetId: this.phoneRef(phone), detail: { reason: 'otp_invalid', stronger } });
      if (clientTries >= (stronger ? 1 : OTP_RULES.maxAttempts)) throw new OtpTooManyAttemptsError();
      throw new OtpInvalidError();
    }
    if (!(await this.store.auth.useChallenge(challenge.id, now))) {
      throw new OtpInvalidError('The code has already been used.');
    }
    // Failures are counted while they are consecutive: the owner signing in starts them over.
    await this.store.auth.deleteRateKeys([phoneKey, clientKey]);
    await record(this.store, { at: now, actor: SIGN_IN, action: 'sign-in.success', targetId: this.phoneRef(phone) });
  }

  /** A keyed hash of the phone for the audit log: the same number gives the same reference, which names no one without the secret. */
  phoneRef(phone: string): string {
    return createHmac('sha256', this.options.secret).update(`audit-phone\n${phone}`).digest('base64url').slice(0, 22);
  }

  // The phone is part of the MAC input, so a code is bound to the number it was sent to.
  private hmac(phone: string, code: string): string {
    return createHmac('sha256', this.options.secret).update(`${phone}\n${code}`).digest('hex');
  }

  private matches(storedHex: string, phone: string, code: string): boolean {
    const stored = Buffer.from(storedHex, 'hex');
    const given = Buffer.from(this.hmac(phone, code), 'hex');
    return stored.length === given.length && timingSafeEqual(stored, given);
  }
}

function requestRules(phone: string, ip: string): RateRule[] {
  const tooMany = 'Too many codes were asked for; try again later.';
  return [
    { key: `otp:phone:${phone}`, windowMs: OTP_RULES.resendMs, limit: 1, code: 'otp_resend_too_soon', message: 'Wait a minute before asking for another code.' },
    { key: `otp:phone:${phone}`, windowMs: HOUR, limit: OTP_RULES.perPhonePerHour, code: 'rate_limited', message: tooMany },
    { key: `otp:ip:${ip}`, windowMs: HOUR, limit: OTP_RULES.perIpPerHour, code: 'rate_limited', message: tooMany },
    { key: 'otp:all', windowMs: HOUR, limit: OTP_RULES.globalPerHour, code: 'rate_limited', message: 'The service is sending too many codes right now; try again later.' },
  ];
}

function smsText(code: string): string {
  return `【healthgate】验证码 ${code}，5 分钟内有效，请勿告诉他人。Your healthgate code is ${code} (valid 5 min).`;
}
