// Signing keys and their states, with the operations: a new active or standby key, activate,
// retire, and withdraw from the time of the compromise (codes signed before it stay valid).

import { useSignal } from '@preact/signals';
import type { KeyView } from '../../../shared/api/authority.js';
import { errorText, formatTime, lang } from '../../i18n/index.js';
import { TableRegion } from '../../ui/TableRegion.js';
import { activateKey, busy, createKey, keysError, overview, retireKey, withdrawKey } from './state.js';
import { t } from './strings.js';

/** A key's validity spans years: dates with the year. */
const formatDay = (ms: number) => new Intl.DateTimeFormat(lang.value, { year: 'numeric', month: 'short', day: 'numeric' }).format(ms);

function KeyRow({ k }: { k: KeyView }) {
  const from = useSignal('');
  const inputId = `withdraw-${k.kid}`;
  const disabled = busy.value === 'keys';
  return (
    <tr data-testid="admin-key" data-kid={k.kid} data-state={k.state}>
      <td class="nowrap" data-label={t('keys.kid')}>
        <code>{k.kid}</code>
      </td>
      <td data-label={t('keys.state')}>
        {t(`keys.state.${k.state}`)}
        {k.state === 'withdrawn' && <div class="small">{k.withdrawnFrom === undefined ? t('keys.withdrawnAll') : t('keys.withdrawnFrom', { time: formatTime(k.withdrawnFrom) })}</div>}
      </td>
      <td class="small" data-label={t('keys.valid')}>
        {formatDay(k.validFrom)} – {formatDay(k.validTo)}
      </td>
      <td data-label={t('keys.actions')}>
        <div class="row">
          {k.state === 'standby' && (
            <button type="button" class="btn btn-small" disabled={disabled} onClick={() => void activateKey(k.kid)}>
              {t('keys.activate')}
            </button>
          )}
          {(k.state === 'active' || k.state === 'standby') && (
            <button type="button" class="btn btn-small" disabled={disabled} onClick={() => void retireKey(k.kid)}>
              {t('keys.retire')}
            </button>
          )}
        </div>
        {(k.state !== 'withdrawn' || k.withdrawnFrom !== undefined) && (
          <form
            class="admin-withdraw"
            onSubmit={(e) => {
              e.preventDefault();
              const at = from.value ? new Date(from.value).getTime() : undefined;
              void withdrawKey(k.kid, at !== undefined && Number.isFinite(at) ? at : undefined);
            }}
          >
            <label for={inputId} class="small">
              {t('keys.withdrawFrom')}
            </label>
            <input id={inputId} type="datetime-local" step="1" value={from.value} aria-describedby="withdraw-help" onInput={(e) => (from.value = e.currentTarget.value)} />
            <button type="submit" class="btn btn-small btn-danger" disabled={disabled} data-testid="withdraw-key">
              {t('keys.withdraw')}
            </button>
          </form>
        )}
      </td>
    </tr>
  );
}

export function KeysSection() {
  const keys = overview.value?.trust.keys ?? [];
  return (
    <section class="card stack admin-wide" aria-labelledby="keys-title" data-testid="admin-keys">
      <h2 id="keys-title">{t('keys.title')}</h2>
      <p id="withdraw-help" class="muted small">
        {t('keys.withdrawHelp')}
      </p>
      <TableRegion label={t('keys.list')}>
        <table class="admin-table">
        <thead>
          <tr>
            <th scope="col">{t('keys.kid')}</th>
            <th scope="col">{t('keys.state')}</th>
            <th scope="col">{t('keys.valid')}</th>
            <th scope="col">{t('keys.actions')}</th>
          </tr>
        </thead>
        <tbody>
          {keys.map((k) => (
            <KeyRow key={k.kid} k={k} />
          ))}
        </tbody>
        </table>
      </TableRegion>
      <div class="row">
        <button type="button" class="btn" disabled={busy.value === 'keys'} onClick={() => void createKey(false)}>
          {t('keys.create')}
        </button>
        <button type="button" class="btn" disabled={busy.value === 'keys'} onClick={() => void createKey(true)}>
          {t('keys.createStandby')}
        </button>
      </div>
      {keysError.value && (
        <p class="error" role="alert">
          {errorText(keysError.value.code, keysError.value.retryAfterSec)}
        </p>
      )}
    </section>
  );
}
