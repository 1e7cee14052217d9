// Sync health across venues: how many active gate devices hold the latest key withdrawal and red
// list, which have not synced for long or not taken the change, and rejected records by reason.

import type { Overview } from '../../../shared/api/authority.js';
import { ago, formatTime } from '../../i18n/index.js';
import { TableRegion } from '../../ui/TableRegion.js';
import { t } from './strings.js';

type Device = Overview['adoption']['stale'][number];

function Devices({ list, now, testid, label }: { list: Device[]; now: number; testid: string; label: string }) {
  if (list.length === 0) return <p class="muted">{t('adoption.none')}</p>;
  return (
    <TableRegion label={label}>
      <table class="admin-table" data-testid={testid}>
      <thead>
        <tr>
          <th scope="col">{t('adoption.device')}</th>
          <th scope="col">{t('adoption.lastSeen')}</th>
          <th scope="col">{t('adoption.lists')}</th>
        </tr>
      </thead>
      <tbody>
        {list.map((d) => (
          <tr key={d.deviceId}>
            <td data-label={t('adoption.device')}>
              <code>{d.deviceId.slice(0, 13)}</code>
            </td>
            <td title={formatTime(d.lastSeenAt)} data-label={t('adoption.lastSeen')}>
              {ago(d.lastSeenAt, now)}
            </td>
            <td data-label={t('adoption.lists')}>
              {d.trustVersion ?? '–'} / {d.redListVersion ?? '–'}
            </td>
          </tr>
        ))}
      </tbody>
      </table>
    </TableRegion>
  );
}

export function HealthSection({ o }: { o: Overview }) {
  const a = o.adoption;
  return (
    <section class="card stack" aria-labelledby="adoption-title" data-testid="admin-adoption">
      <h2 id="adoption-title">{t('adoption.title')}</h2>
      <p>{t('adoption.active', { days: a.activeDays, n: a.activeDevices })}</p>
      <p data-testid="adoption-withdrawal">{o.trust.latestWithdrawalVersion === null ? t('adoption.noWithdrawal') : t('adoption.withdrawal', { k: a.withLatestWithdrawal, n: a.activeDevices })}</p>
      <p data-testid="adoption-redlist">{t('adoption.redList', { k: a.withLatestRedList, n: a.activeDevices })}</p>
      <h3>{t('adoption.behind')}</h3>
      <Devices list={a.behind} now={o.now} testid="adoption-behind" label={t('adoption.behind')} />
      <h3>{t('adoption.stale', { hours: a.staleHours })}</h3>
      <Devices list={a.stale} now={o.now} testid="adoption-stale" label={t('adoption.stale', { hours: a.staleHours })} />
      <h3>{t('rejections.title')}</h3>
      {o.rejections.length === 0 ? (
        <p class="muted">{t('rejections.none')}</p>
      ) : (
        <TableRegion label={t('rejections.title')}>
          <table class="admin-table">
          <thead>
            <tr>
              <th scope="col">{t('rejections.reason')}</th>
              <th scope="col">{t('rejections.count')}</th>
              <th scope="col">{t('rejections.devices')}</th>
              <th scope="col">{t('adoption.lastSeen')}</th>
            </tr>
          </thead>
          <tbody>
            {o.rejections.map((r) => (
              <tr key={r.reason}>
                <td data-label={t('rejections.reason')}>{r.reason}</td>
                <td data-label={t('rejections.count')}>{r.n}</td>
                <td data-label={t('rejections.devices')}>{r.devices}</td>
                <td data-label={t('adoption.lastSeen')}>{formatTime(r.lastAt)}</td>
              </tr>
            ))}
          </tbody>
          </table>
        </TableRegion>
      )}
    </section>
  );
}
