// Phone + SMS code, the way back in for a traveller (after sign-up, or from the texted link) and the
// last step of a resident's sign-up: send a code, type it, and go to the code page. The phone field may be filled in already.

import { useSignal } from '@preact/signals';
import { useEffect, useRef } from 'preact/hooks';
import * as v from 'valibot';
import { PhoneSchema, type Me, type OtpRequestResponse } from '../../../shared/api/auth.js';
import { navigate } from '../../app/navigation.js';
import { homeFor } from '../../app/session.js';
import { failureCode } from '../../http.js';
import { errorText } from '../../i18n/index.js';
import { describedBy, FieldError } from '../../ui/identity/IdentityFields.js';
import { identityText } from '../../ui/identity/strings.js';
import { requestOtp, verifyOtp } from './state.js';
import { t } from './strings.js';

export interface PhoneCodeProps {
  initialPhone?: string;
  sendAtOnce?: boolean;
  /** How a code is asked for and spent: by default the usual sign-in; a resident's sign-up passes its own. */
  request?: (phone: string) => Promise<OtpRequestResponse>;
  verify?: (phone: string, code: string) => Promise<Me>;
  /** The code was texted already (a resident's check sends it): start at typing it, resend after a minute. */
  sentAlready?: boolean;
}

export function PhoneCode({ initialPhone = '', sendAtOnce = false, request = requestOtp, verify: spend = verifyOtp, sentAlready = false }: PhoneCodeProps) {
  const phone = useSignal(initialPhone);
  const sentTo = useSignal<string | null>(sentAlready && initialPhone ? initialPhone : null);
  const code = useSignal('');
  const busy = useSignal(false);
  const phoneProblem = useSignal<string | undefined>(undefined);
  const error = useSignal<(() => string) | null>(null);
  const resendAt = useSignal(sentAlready ? Date.now() + 60_000 : 0);
  const now = useSignal(Date.now());
  const codeRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    const timer = setInterval(() => (now.value = Date.now()), 1000);
    if (sendAtOnce && initialPhone) void send();
    return () => clearInterval(timer);
  }, []);
  useEffect(() => {
    if (sentTo.value) codeRef.current?.focus();
  }, [sentTo.value]);

  async function send(e?: Event) {
    e?.preventDefault();
    const parsed = v.safeParse(PhoneSchema, phone.value);
    phoneProblem.value = parsed.success ? undefined : 'phone-invalid';
    if (!parsed.success) return;
    busy.value = true;
    error.value = null;
    try {
      const res = await request(parsed.output);
      sentTo.value = parsed.output;
      resendAt.value = Date.now() + res.resendAfterSec * 1000;
    } catch (err) {
      const f = failureCode(err);
      error.value = () => errorText(f.code, f.retryAfterSec);
      if (f.code === 'otp_resend_too_soon') {
        sentTo.value = parsed.output;
        resendAt.value = Date.now() + (f.retryAfterSec ?? 60) * 1000;
      }
    } finally {
      busy.value = false;
    }
  }

  async function verify(e: Event) {
    e.preventDefault();
    if (!sentTo.value) return;
    if (!/^\d{6}$/.test(code.value)) {
      error.value = () => t('phone.invalidCode');
      return;
    }
    busy.value = true;
    error.value = null;
    try {
      navigate(homeFor(await spend(sentTo.value, code.value)), { replace: true });
    } catch (err) {
      const f = failureCode(err);
      error.value = () => errorText(f.code, f.retryAfterSec);
    } finally {
      busy.value = false;
    }
  }

  const waitSec = Math.max(0, Math.ceil((resendAt.value - now.value) / 1000));
  return (
    <form class="stack" onSubmit={sentTo.value ? verify : send} noValidate>
      <label class="field">
        <span>{identityText('identity.field.phone')}</span>
        <input
          data-testid="phone-input"
          type="tel"
          inputMode="tel"
          autoComplete="tel"
          value={phone.value}
          readOnly={!!sentTo.value}
          aria-invalid={phoneProblem.value ? 'true' : undefined}
          aria-describedby={describedBy(phoneProblem.value && 'return-phone-error')}
          onInput={(e) => (phone.value = e.currentTarget.value)}
        />
        <FieldError id="return-phone-error" problem={phoneProblem.value} />
      </label>
      {!sentTo.value ? (
        <button type="submit" class="btn btn-primary btn-block" data-testid="send-code" disabled={busy.value}>
          {busy.value ? t('phone.sending') : t('phone.sendCode')}
        </button>
      ) : (
        <>
          <p class="muted">{t('phone.codeSent', { phone: sentTo.value })}</p>
          <label class="field">
            <span>{t('phone.code')}</span>
            <input
              ref={codeRef}
              data-testid="otp-input"
              class="otp"
              inputMode="numeric"
              autoComplete="one-time-code"
              maxLength={6}
              value={code.value}
              onInput={(e) => (code.value = e.currentTarget.value.replace(/\D/g, '').slice(0, 6))}
            />
          </label>
          <button type="submit" class="btn btn-primary btn-block" data-testid="verify-code" disabled={busy.value}>
            {busy.value ? t('phone.verifying') : t('phone.verify')}
          </button>
          <button type="button" class="btn btn-link" disabled={waitSec > 0 || busy.value} onClick={() => void send()}>
            {waitSec > 0 ? t('phone.resendIn', { s: waitSec }) : t('phone.resend')}
          </button>
        </>
      )}
      {error.value && (
        <p class="error" role="alert" data-testid="phone-error">
          {error.value()}
        </p>
      )}
    </form>
  );
}
