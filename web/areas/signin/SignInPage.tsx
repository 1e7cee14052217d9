// Sign-in with a phone number and an SMS code: send, count down to the next resend, verify, and go
// to the page for the person's role — or back to the link they opened before (a check-in). Every server error is shown translated.

import { useEffect, useRef } from 'preact/hooks';
import { useSignal } from '@preact/signals';
import * as v from 'valibot';
import { PhoneSchema } from '../../../shared/api/auth.js';
import { returnsToCheckin } from '../../app/return-to.js';
import { failureCode } from '../../http.js';
import { errorText } from '../../i18n/index.js';
import { requestOtp, verifyOtp } from './state.js';
import { t } from './strings.js';

const DEFAULT_RESEND_SEC = 60;

export default function SignInPage() {
  const phone = useSignal('');
  const sentTo = useSignal<string | null>(null);
  const code = useSignal('');
  const rememberDevice = useSignal(false);
  const busy = useSignal(false);
  // A thunk, so a language switch re-translates an error already on screen.
  const error = useSignal<(() => string) | null>(null);
  const resendAt = useSignal(0);
  const now = useSignal(Date.now());
  const otpRef = useRef<HTMLInputElement>(null);
  const toCheckin = returnsToCheckin();

  // The countdown ticks only while there is something to count.
  useEffect(() => {
    const timer = setInterval(() => {
      if (resendAt.value > Date.now() - 1000) now.value = Date.now();
    }, 500);
    return () => clearInterval(timer);
  }, []);
  useEffect(() => {
    if (sentTo.value) otpRef.current?.focus();
  }, [sentTo.value]);

  const waitSec = Math.max(0, Math.ceil((resendAt.value - now.value) / 1000));

  async function send(e?: Event) {
    e?.preventDefault();
    const parsed = v.safeParse(PhoneSchema, phone.value);
    if (!parsed.success) {
      error.value = () => t('signin.invalidPhone');
      return;
    }
    busy.value = true;
    error.value = null;
    try {
      const res = await requestOtp(parsed.output);
      sentTo.value = parsed.output;
      resendAt.value = Date.now() + (res.resendAfterSec ?? DEFAULT_RESEND_SEC) * 1000;
    } catch (err) {
      const f = failureCode(err);
      error.value = () => errorText(f.code, f.retryAfterSec);
      // Too soon means a code was already sent: let the person type it.
      if (f.code === 'otp_resend_too_soon') {
        sentTo.value = parsed.output;
        resendAt.value = Date.now() + (f.retryAfterSec ?? DEFAULT_RESEND_SEC) * 1000;
      }
    } finally {
      busy.value = false;
      now.value = Date.now();
    }
  }

  async function verify(e: Event) {
    e.preventDefault();
    if (!sentTo.value) return;
    if (!/^\d{6}$/.test(code.value)) {
      error.value = () => t('signin.invalidCode');
      return;
    }
    busy.value = true;
    error.value = null;
    try {
      // Signed in: the shell sends the person on from /signin — to the link they opened before
      // signing in (a check-in), or to their role's page.
      await verifyOtp(sentTo.value, code.value, rememberDevice.value);
    } catch (err) {
      const f = failureCode(err);
      error.value = () => errorText(f.code, f.retryAfterSec);
      if (f.code === 'otp_expired' || f.code === 'otp_too_many_attempts') code.value = '';
    } finally {
      busy.value = false;
    }
  }

  return (
    <section class="card stack signin">
      <h1>{t('signin.title')}</h1>
      {toCheckin && (
        <p class="banner banner-info" data-testid="signin-for-checkin">
          {t('signin.forCheckin')}
        </p>
      )}
      <form class="stack" onSubmit={sentTo.value ? verify : send} noValidate>
        <label class="field">
          <span>{t('signin.phone')}</span>
          <input
            data-testid="phone-input"
            type="tel"
            inputMode="tel"
            autoComplete="tel"
            placeholder={t('signin.phonePlaceholder')}
            value={phone.value}
            readOnly={!!sentTo.value}
            onInput={(e) => (phone.value = e.currentTarget.value)}
          />
        </label>
        {!sentTo.value ? (
          <button type="submit" class="btn btn-primary btn-block" data-testid="send-code" disabled={busy.value}>
            {busy.value ? t('signin.sending') : t('signin.sendCode')}
          </button>
        ) : (
          <>
            <p class="muted">{t('signin.codeSent', { phone: sentTo.value })}</p>
            <label class="field">
              <span>{t('signin.code')}</span>
              <input
                ref={otpRef}
                data-testid="otp-input"
                class="otp"
                type="text"
                inputMode="numeric"
                autoComplete="one-time-code"
                pattern="\d{6}"
                maxLength={6}
                value={code.value}
                onInput={(e) => (code.value = e.currentTarget.value.replace(/\D/g, '').slice(0, 6))}
              />
            </label>
            <label class="check">
              <input type="checkbox" data-testid="remember" checked={rememberDevice.value} onChange={(e) => (rememberDevice.value = e.currentTarget.checked)} />
              <span>
                {t('signin.remember')}
                <small class="muted block">{t('signin.rememberHint')}</small>
              </span>
            </label>
            <button type="submit" class="btn btn-primary btn-block" data-testid="verify-code" disabled={busy.value}>
              {busy.value ? t('signin.verifying') : t('signin.verify')}
            </button>
            <div class="row">
              <button type="button" class="btn btn-link" disabled={waitSec > 0 || busy.value} onClick={() => void send()}>
                {waitSec > 0 ? t('signin.resendIn', { s: waitSec }) : t('signin.resend')}
              </button>
              <button
                type="button"
                class="btn btn-link"
                onClick={() => {
                  sentTo.value = null;
                  code.value = '';
                  error.value = null;
                }}
              >
                {t('signin.changePhone')}
              </button>
            </div>
          </>
        )}
        {error.value && (
          <p class="error" role="alert" data-testid="signin-error">
            {error.value()}
          </p>
        )}
      </form>
      <p class="muted small">{t('signin.smsRisk')}</p>
      <p>
        {t('signin.firstTime')}{' '}
        <a href="/register" data-testid="register-link">
          {t('signin.register')}
        </a>
      </p>
    </section>
  );
}
