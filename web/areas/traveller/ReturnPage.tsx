// The texted personal link: /travel/return?k=<token>. Opening it spends nothing (link previews fetch
// links); "continue" posts the token, which spends it and says which phone it belongs to, and then
// the traveller signs in with that phone and an SMS code. A used or expired link still offers the
// phone sign-in.

import { useSignal } from '@preact/signals';
import { useLocation } from 'preact-iso';
import { ApiError, failureCode } from '../../http.js';
import { errorText } from '../../i18n/index.js';
import { PhoneCode } from './PhoneCode.js';
import { openLink } from './state.js';
import { t } from './strings.js';

type Step = { kind: 'ask' } | { kind: 'phone'; maskedPhone: string } | { kind: 'gone' };

export default function ReturnPage() {
  const { query } = useLocation();
  const token = query.k ?? '';
  const valid = /^[A-Za-z0-9_-]{43}$/.test(token);
  const step = useSignal<Step>(valid ? { kind: 'ask' } : { kind: 'gone' });
  const busy = useSignal(false);
  const error = useSignal<(() => string) | null>(null);

  async function proceed() {
    busy.value = true;
    error.value = null;
    try {
      const { maskedPhone } = await openLink(token);
      step.value = { kind: 'phone', maskedPhone };
    } catch (err) {
      if (err instanceof ApiError && err.code === 'not_found') step.value = { kind: 'gone' };
      else {
        const f = failureCode(err);
        error.value = () => errorText(f.code, f.retryAfterSec);
      }
    } finally {
      busy.value = false;
    }
  }

  const s = step.value;
  return (
    <section class="card stack">
      <h1>{t('return.title')}</h1>
      {s.kind === 'ask' && (
        <>
          <p>{t('return.intro')}</p>
          <button type="button" class="btn btn-primary btn-block" data-testid="link-continue" disabled={busy.value} onClick={() => void proceed()}>
            {busy.value ? t('return.continuing') : t('return.continue')}
          </button>
        </>
      )}
      {s.kind === 'phone' && (
        <>
          <p data-testid="link-phone">{t('return.forPhone', { phone: s.maskedPhone })}</p>
          <PhoneCode />
        </>
      )}
      {s.kind === 'gone' && (
        <>
          <p data-testid="link-gone">{valid ? t('return.used') : t('return.noLink')}</p>
          <PhoneCode />
          <a href="/travel">{t('return.firstTime')}</a>
        </>
      )}
      {error.value && (
        <p class="error" role="alert">
          {error.value()}
        </p>
      )}
    </section>
  );
}
