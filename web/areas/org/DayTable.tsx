// A day's declarations for the admin: the counts (members, declared, not declared, symptoms,
// fever), a date picker and a filter, the table (each member's latest declaration of the day, by
// label and tag) and the day's files. Only the admin's own members are ever in it.

import { useSignal } from '@preact/signals';
import type { OrgDay } from '../../../shared/api/orgs.js';
import { errorText, lang } from '../../i18n/index.js';
import { TableRegion } from '../../ui/TableRegion.js';
import { day, dayError, exportHref, loadDay } from './state.js';
import { t } from './strings.js';

type Filter = 'all' | 'missing' | 'symptoms' | 'fever';
const FILTERS: Filter[] = ['all', 'missing', 'symptoms', 'fever'];

function clock(at: number, timeZone: string): string {
  return new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', hour12: false, timeZone }).format(at);
}

function matches(row: OrgDay['rows'][number], filter: Filter): boolean {
  const d = row.declaration;
  if (filter === 'missing') return d === null;
  if (filter === 'symptoms') return d !== null && d.symptoms.length > 0;
  if (filter === 'fever') return d !== null && d.fever;
  return true;
}

export function DayTable() {
  const filter = useSignal<Filter>('all');
  const current = day.value;
  if (!current) {
    return dayError.value ? (
      <p class="error" role="alert">
        {errorText(dayError.value)}
      </p>
    ) : (
      <p class="page-loading">{t('org.loading')}</p>
    );
  }
  const rows = current.rows.filter((r) => matches(r, filter.value));
  const c = current.counts;
  const yesNo = (b: boolean) => t(b ? 'day.yes' : 'day.no');
  const fileLang = lang.value === 'en' ? 'en' : 'zh-CN';
  return (
    <div class="stack" data-testid="org-day" data-day={current.day}>
      <div class="row-start org-day-controls">
        <label class="field">
          <span>{t('day.date')}</span>
          <input type="date" data-testid="org-day-date" value={current.day} max={current.today} onChange={(e) => e.currentTarget.value && void loadDay(e.currentTarget.value)} />
        </label>
        {current.day !== current.today && (
          <button type="button" class="btn" onClick={() => void loadDay()}>
            {t('day.today')}
          </button>
        )}
        <label class="field">
          <span>{t('day.show')}</span>
          <select data-testid="org-day-filter" value={filter.value} onChange={(e) => (filter.value = e.currentTarget.value as Filter)}>
            {FILTERS.map((f) => (
              <option key={f} value={f}>
                {t(`day.filter.${f}`)}
              </option>
            ))}
          </select>
        </label>
      </div>
      <dl class="tiles" data-testid="org-day-counts">
        {(
          [
            ['members', 'day.members', c.members],
            ['declared', 'day.declared', c.declared],
            ['notDeclared', 'day.notDeclared', c.notDeclared],
            ['symptoms', 'day.symptoms', c.symptoms],
            ['fever', 'day.fever', c.fever],
          ] as const
        ).map(([key, label, n]) => (
          <div key={key} class={`tile ${(key === 'symptoms' || key === 'fever' || key === 'notDeclared') && n > 0 ? 'tile-warn' : ''}`}>
            <dt>{t(label)}</dt>
            <dd data-testid={`count-${key}`}>{n}</dd>
          </div>
        ))}
      </dl>
      {current.rows.length === 0 ? (
        <p class="muted">{t('day.noMembers')}</p>
      ) : rows.length === 0 ? (
        <p class="muted">{t('day.empty')}</p>
      ) : (
        <TableRegion labelledBy="org-day-caption">
          <table data-testid="org-day-table">
            <caption id="org-day-caption">{t('day.caption', { day: current.day })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('day.label')}</th>
                <th scope="col">{t('day.tag')}</th>
                <th scope="col">{t('day.status')}</th>
                <th scope="col">{t('day.time')}</th>
                <th scope="col">{t('day.symptomList')}</th>
                <th scope="col">{t('day.temperature')}</th>
                <th scope="col">{t('day.travel')}</th>
                <th scope="col">{t('day.keyContact')}</th>
                <th scope="col">{t('day.earlier')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => {
                const d = r.declaration;
                return (
                  <tr key={r.tag} data-testid="org-day-row" data-tag={r.tag} data-declared={d ? 'yes' : 'no'} class={d ? (d.symptoms.length || d.fever ? 'row-warn' : undefined) : 'row-missing'}>
                    <th scope="row" data-label={t('day.label')}>{r.label}</th>
                    <td class="code-text" data-label={t('day.tag')}>{r.tag}</td>
                    <td data-label={t('day.status')}>{d ? t('day.yes') : <strong>{t('day.notYet')}</strong>}</td>
                    <td data-label={t('day.time')}>{d ? clock(d.declaredAt, current.timeZone) : ''}</td>
                    <td data-label={t('day.symptomList')}>{d ? (d.symptoms.length ? d.symptoms.map((s) => t(`symptom.${s}`)).join(lang.value === 'en' ? ', ' : '、') : t('day.none')) : ''}</td>
                    <td data-label={t('day.temperature')}>{d ? <span class={d.fever ? 'fever' : undefined}>{d.temperature.toFixed(1)}</span> : ''}</td>
                    <td data-label={t('day.travel')}>{d ? (d.travel ? `${t('day.yes')}: ${d.travelWhere}` : t('day.no')) : ''}</td>
                    <td data-label={t('day.keyContact')}>{d ? yesNo(d.keyContact) : ''}</td>
                    <td data-label={t('day.earlier')}>{d ? d.earlier : ''}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </TableRegion>
      )}
      <div class="row-start">
        <a class="btn btn-small" href={exportHref('csv', current.day, fileLang)} download data-testid="org-export-csv">
          {t('day.exportCsv')}
        </a>
        <a class="btn btn-small" href={exportHref('xlsx', current.day, fileLang)} download data-testid="org-export-xlsx">
          {t('day.exportXlsx')}
        </a>
      </div>
    </div>
  );
}
