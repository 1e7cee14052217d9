// What is waiting to upload and how the upload is going: pending count, the oldest pending record,
// the last success, the engine's state, "sync now", and any records the server refused, with why.

import { navigate } from '../../app/navigation.js';
import { ago, errorText, formatTime } from '../../i18n/index.js';
import { useNow } from '../../ui/useNow.js';
import { hasText, t } from './strings.js';
import { lastSyncAt, outbox, rejected, syncNow, syncStatus } from './uploads.js';

function statusText(now: number): string {
  const s = syncStatus.value;
  switch (s.phase) {
    case 'syncing':
      return t('sync.syncing');
    case 'offline':
      return t('sync.offline');
    case 'signed-out':
      return t('sync.signedOut');
    case 'elsewhere':
      return t('sync.elsewhere');
    case 'backoff':
      return t('sync.backoff', {
        error: errorText(s.lastError ?? 'unknown'),
        s: Math.max(0, Math.ceil(((s.nextAttemptAt ?? now) - now) / 1000)),
      });
    default:
      return outbox.value.pending > 0 ? t('sync.waiting') : t('sync.idle');
  }
}

const rejectText = (reason: string) => {
  const key = `reject.${reason}`;
  return hasText(key) ? t(key) : reason;
};

export function SyncPanel() {
  const now = useNow(1000);
  const { pending, oldestCapturedAt } = outbox.value;
  const phase = syncStatus.value.phase;
  return (
    <section class="card sync" aria-labelledby="sync-title">
      <div class="sync-head">
        <h2 id="sync-title">{t('sync.title')}</h2>
        <button type="button" class="btn btn-small" data-testid="sync-now" disabled={phase === 'syncing'} onClick={syncNow}>
          {t('sync.now')}
        </button>
      </div>
      <p class="sync-count">
        <span class={`big-num ${pending > 0 ? 'is-pending' : ''}`} data-testid="pending-count">
          {pending}
        </span>
        <span>{t('sync.pending')}</span>
      </p>
      <p class="muted" data-testid="oldest-pending">
        {oldestCapturedAt === null ? '' : t('sync.oldest', { ago: ago(oldestCapturedAt, now) })}
      </p>
      <p class="muted" data-testid="last-sync">
        {t('sync.last', { ago: ago(lastSyncAt.value, now) })}
      </p>
      <p class={`sync-status phase-${phase}`} data-testid="sync-status" role="status">
        {statusText(now)}
        {phase === 'signed-out' && (
          <button type="button" class="btn btn-link" onClick={() => navigate('/signin')}>
            {t('sync.signInAgain')}
          </button>
        )}
      </p>
      {rejected.value.length > 0 && (
        <details class="rejected" open>
          <summary>
            {t('sync.rejected')} ({rejected.value.length})
          </summary>
          <ul data-testid="rejected-list">
            {rejected.value.map((r) => (
              <li key={r.id}>
                {t('sync.rejectedItem', { time: formatTime(r.record.capturedAt), temp: r.record.temperature.toFixed(1), reason: rejectText(r.reason) })}
              </li>
            ))}
          </ul>
        </details>
      )}
    </section>
  );
}
