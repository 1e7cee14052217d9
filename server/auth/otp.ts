// SMS sign-in codes (NIST SP 800-63B, OWASP ASVS): 6 CSPRNG digits, 5-minute life, single use,
// stored only as an HMAC under the server's secret, compared in constant time, at most 5 tries per
// code counted before comparing, resend ≥ 60 s with a new code voiding the old, and per-phone,
// per-IP and global limits. Known and unknown numbers get the same answer and the same limits;
// only known numbers are actually texted (a code to a stranger's phone is SMS pumping).

import { createHmac, randomInt, timingSafeEqual } from 'node:crypto';
import type { OtpRequestResponse } from '../../shared/api/auth.js';
import { OtpExpiredError, OtpInvalidError, OtpTooManyAttemptsError } from '../../shared/errors.js';
import { maskPhone, type SmsSender } from '../sms/sender.js';
import type { Store } from '../store/store.js';
import { RateLimiter, type RateRule } from './rate-limit.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

export const OTP_RULES = {
  ttlMs: 5 * MINUTE,
  maxAttempts: 5,
  resendMs: MINUTE,
  perPhonePerHour: 5,
  perPhonePerDay: 10,
  perIpPerHour: 30,
  /** Tries at verifying, per IP: guessing across many phones from one place is slowed too. */
  verifyPerIpPerHour: 100,
  /** An SMS budget for the whole service, against SMS pumping from many IPs. */
  globalPerHour: 2000,
} as const;

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

  async request(phone: string, ip: string): Promise<OtpRequestResponse> {
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
    const known = (await this.store.accounts.usersByPhone(phone)).length > 0;
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

  /** Spends the newest code for the phone, or throws otp_invalid / otp_expired / otp_too_many_attempts. */
  async verify(phone: string, code: string, ip: string): Promise<void> {
    await this.limiter.take([
      { key: `otp-verify:ip:${ip}`, windowMs: HOUR, limit: OTP_RULES.verifyPerIpPerHour, code: 'rate_limited', message: 'Too many sign-in attempts from this network; try again later.' },
    ]);
    const now = this.now();
    const latest = await this.store.auth.latestChallenge(phone);
    if (!latest || latest.used_at !== null) throw new OtpInvalidError();
    if (now >= latest.expires_at) throw new OtpExpiredError();
    // Count the try first: a try that loses the race for the last attempt never gets compared.
    const challenge = await this.store.auth.spendAttempt(latest.id, OTP_RULES.maxAttempts);
    if (!challenge) {
      const again = await this.store.auth.latestChallenge(phone);
      if (again?.id === latest.id && again.used_at === null) {
        throw new OtpTooManyAttemptsError();
      }
      throw new OtpInvalidError();
    }
    if (!this.matches(challenge.code_hmac, phone, code)) {
      if (challenge.attempts >= OTP_RULES.maxAttempts) throw new OtpTooManyAttemptsError();
      throw new OtpInvalidError();
    }
    if (!(await this.store.auth.useChallenge(challenge.id, now))) {
      throw new OtpInvalidError('The code has already been used.');
    }
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
    { key: `otp:phone:${phone}`, windowMs: 24 * HOUR, limit: OTP_RULES.perPhonePerDay, code: 'rate_limited', message: tooMany },
    { key: `otp:ip:${ip}`, windowMs: HOUR, limit: OTP_RULES.perIpPerHour, code: 'rate_limited', message: tooMany },
    { key: 'otp:all', windowMs: HOUR, limit: OTP_RULES.globalPerHour, code: 'rate_limited', message: 'The service is sending too many codes right now; try again later.' },
  ];
}

function smsText(code: string): string {
  return `【healthgate】验证码 ${code}，5 分钟内有效，请勿告诉他人。Your healthgate code is ${code} (valid 5 min).`;
}
