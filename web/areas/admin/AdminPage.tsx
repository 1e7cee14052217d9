// The health authority's console (desktop): overview, person lookup, imports, keys, gate devices.
// Its own lazily loaded chunk under assets/staff/, never precached on gate phones.

import { useEffect } from 'preact/hooks';
import './admin.css';
import { ago, errorText, formatTime } from '../../i18n/index.js';
import { useNow } from '../../ui/useNow.js';
import { TableRegion } from '../../ui/TableRegion.js';
import { FeedTokensSection } from './FeedTokensSection.js';
import { HealthSection } from './HealthSection.js';
import { ImportSection } from './ImportSection.js';
import { KeysSection } from './KeysSection.js';
import { LookupSection } from './LookupSection.js';
import { loadOverview, overview, overviewError } from './state.js';
import { t } from './strings.js';

function Summary() {
  const o = overview.value;
  const now = useNow(10_000);
  if (!o) return null;
  return (
    <section class="card stack" aria-labelledby="summary-title" data-testid="admin-summary">
      <h2 id="summary-title">{t('summary.title')}</h2>
      <p data-testid="summary-redlist">{t('summary.redList', { size: o.redList.size, version: o.redList.version })}</p>
      <p>{t('summary.trust', { version: o.trust.version, ago: ago(o.now, Math.max(now, o.now)) })}</p>
      <p>{t('summary.keys', { n: o.trust.keys.length })}</p>
    </section>
  );
}

function RecentImports() {
  const list = overview.value?.imports ?? [];
  return (
    <section class="card stack" aria-labelledby="recent-title" data-testid="admin-imports">
      <h2 id="recent-title">{t('import.recent')}</h2>
      {list.length === 0 ? (
        <p class="muted">{t('import.none')}</p>
      ) : (
        <TableRegion label={t('import.list')}>
          <table class="admin-table">
          <thead>
            <tr>
              <th scope="col">{t('col.time')}</th>
              <th scope="col">{t('import.feed')}</th>
              <th scope="col">{t('import.channel')}</th>
              <th scope="col">{t('import.result')}</th>
            </tr>
          </thead>
          <tbody>
            {list.map((i) => (
              <tr key={i.id}>
                <td data-label={t('col.time')}>{formatTime(i.at)}</td>
                <td data-label={t('import.feed')}>{t(`import.feed.${i.feed}`)}</td>
                <td data-label={t('import.channel')}>
                  {i.channel} · {i.actor}
                </td>
                <td data-label={t('import.result')}>
                  {i.applied ? t('import.resultApplied') : i.dryRun && i.rejected === 0 ? t('import.resultDryRun') : t('import.resultRejected')} ·{' '}
                  {t('import.rows', { accepted: i.accepted, rejected: i.rejected })}
                </td>
              </tr>
            ))}
          </tbody>
          </table>
        </TableRegion>
      )}
    </section>
  );
}

export default function AdminPage() {
  useEffect(() => {
    void loadOverview();
  }, []);
  const o = overview.value;
  return (
    <div class="admin-page stack" data-testid="admin-page">
      <h1>{t('admin.title')}</h1>
      <p class="muted">{t('admin.intro')}</p>
      {overviewError.value && (
        <p class="error" role="alert">
          {errorText(overviewError.value.code, overviewError.value.retryAfterSec)}{' '}
          <button type="button" class="btn btn-link" onClick={() => void loadOverview()}>
            {t('admin.retry')}
          </button>
        </p>
      )}
      {!o && !overviewError.value && <p>{t('admin.loading')}</p>}
      <div class="admin-grid">
        <Summary />
        <LookupSection />
        <ImportSection />
        <RecentImports />
        <KeysSection />
        <FeedTokensSection />
        {o && <HealthSection o={o} />}
      </div>
    </div>
  );
}
