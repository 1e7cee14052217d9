// The holder's code: colour band with icon and words, the QR large, the masked name, a live clock,
// how fresh it is, and whether the phone is offline. Works from the device's copy with no network.

import { useEffect } from 'preact/hooks';
import { offline as appOffline } from '../../app/network.js';
import { me, signOut } from '../../app/session.js';
import { ago, errorText, formatTime, reasonText } from '../../i18n/index.js';
import { Clock } from '../../ui/Clock.js';
import { SignOutButton } from '../../ui/SignOutButton.js';
import { useNow } from '../../ui/useNow.js';
import { LiveQr } from './LiveQr.js';
import { codeError, codeFetching, codeOffline, myCode, refreshCode, watchMyCode } from './state.js';
import { t } from './strings.js';

export default function CodePage() {
  const user = me.value;
  const userId = user?.id;
  useEffect(() => (userId ? watchMyCode(userId) : undefined), [userId]);
  const now = useNow(15_000);
  const row = myCode.value;
  const offline = appOffline.value || codeOffline.value;

  if (!userId) return null;
  if (!row) {
    return (
      <section class="card stack center">
        {row === undefined || codeFetching.value ? (
          <p>{t('code.loading')}</p>
        ) : (
          <>
            <p>{codeError.value ? errorText(codeError.value.code, codeError.value.retryAfterSec) : t('code.none')}</p>
            <button type="button" class="btn btn-primary" onClick={() => void refreshCode(userId, true)}>
              {t('code.refresh')}
            </button>
          </>
        )}
        <SignOutButton onClick={() => void signOut()} />
      </section>
    );
  }

  const { code, fetchedAt } = row;
  const green = code.status === 'green';
  const expired = now >= code.expiresAt;
  return (
    <section class={`code-page ${green ? 'is-green' : 'is-red'}`} data-testid="my-code" data-status={code.status}>
      <h1 class="sr-only">{t('code.title')}</h1>
      <div class="code-band" role="status">
        <span class="code-icon" aria-hidden="true">
          {green ? '✓' : '✕'}
        </span>
        <div>
          <strong class="code-status">{green ? t('code.green') : t('code.red')}</strong>
          <span class="code-hint">{green ? t('code.greenHint') : t('code.redHint')}</span>
        </div>
      </div>
      {!green && (
        <p class="code-reason" data-testid="code-reason">
          {t('code.reason', { reason: reasonText(code.reason) })}
        </p>
      )}
      <div class="code-body">
        <p class="code-name">
          <span class="sr-only">{t('code.name')}</span>
          <span data-testid="masked-name">{code.maskedName}</span>
          <span class="code-kind">{t(`code.kind.${code.kind}`)}</span>
        </p>
        <Clock testId="code-clock" />
        <LiveQr frameClass={`qr-frame ${expired ? 'is-expired' : ''}`} text={code.text} label={green ? t('code.green') : t('code.red')} testId="code-qr" />
        {expired && (
          <p class="banner banner-warn" role="alert">
            {t('code.expired')}
          </p>
        )}
        <p class="code-meta">
          <span data-testid="code-updated">{t('code.updated', { ago: ago(fetchedAt, now) })}</span>
          <span>{t('code.expiresAt', { time: formatTime(code.expiresAt) })}</span>
        </p>
        {offline && (
          <p class="chip chip-offline" data-testid="code-offline">
            {t('code.offline')}
          </p>
        )}
        {codeError.value && <p class="error">{errorText(codeError.value.code, codeError.value.retryAfterSec)}</p>}
      </div>
      <SignOutButton onClick={() => void signOut()} />
    </section>
  );
}
