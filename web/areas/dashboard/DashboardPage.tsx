// A venue's statistics for its manager: today and a chosen range of days, each as a few numbers,
// light SVG charts with their numbers as tables, the day-by-day table the exports carry, and
// "checked since HH:MM" per inspector. Phone: one column; desktop: charts side by side. The
// day-by-day table has the export's columns and headers, so the page and the files read alike.

import { useEffect } from 'preact/hooks';
import { useSignal } from '@preact/signals';
import { AGE_KEYS, type DayStats, type RangeStats } from '../../../shared/api/stats.js';
import { errorText, lang } from '../../i18n/index.js';
import { BarChart, cellText, type Shown } from './BarChart.js';
import { exportHref, failure, from, loading, loadStats, loadVenues, pickVenue, rangeProblem, since, stats, to, venueId, venues } from './state.js';
import { t } from './strings.js';

type View = 'today' | 'range';

export default function DashboardPage() {
  const view = useSignal<View>('today');
  useEffect(() => {
    void loadVenues();
  }, []);
  const locale = lang.value;
  const list = venues.value;
  const s = stats.value;
  const problem = rangeProblem(from.value, to.value);

  return (
    <section class="dashboard stack" data-testid="dashboard">
      <h1>{t('dash.title')}</h1>
      {failure.value && (
        <p class="error" role="alert">
          {errorText(failure.value)}
        </p>
      )}
      {list && list.length === 0 && <p class="muted">{t('dash.noVenue')}</p>}
      {list && list.length > 1 && (
        <label class="field">
          {t('dash.venue')}
          <select value={venueId.value ?? ''} onChange={(e) => pickVenue((e.target as HTMLSelectElement).value)}>
            {list.map((v) => (
              <option key={v.id} value={v.id}>
                {v.name}
              </option>
            ))}
          </select>
        </label>
      )}
      {list && list.length === 1 && <p class="venue-name">{list[0]!.name}</p>}

      {venueId.value && (
        <form
          class="card dash-controls"
          onSubmit={(e) => {
            e.preventDefault();
            void loadStats();
          }}
        >
          <label class="field">
            {t('dash.from')}
            <input type="date" name="from" value={from.value} onInput={(e) => (from.value = (e.target as HTMLInputElement).value)} aria-describedby="range-problem" />
          </label>
          <label class="field">
            {t('dash.to')}
            <input type="date" name="to" value={to.value} onInput={(e) => (to.value = (e.target as HTMLInputElement).value)} aria-describedby="range-problem" />
          </label>
          <label class="field">
            {t('dash.sinceLabel')}
            <input type="time" name="since" step={900} value={since.value} onInput={(e) => (since.value = (e.target as HTMLInputElement).value || '00:00')} aria-describedby="since-note" />
            <span id="since-note" class="small muted">
              {t('dash.sinceNote')}
            </span>
          </label>
          <button type="submit" class="btn btn-primary" disabled={problem !== null || loading.value}>
            {t('dash.show')}
          </button>
          <p id="range-problem" class="error" role={problem ? 'alert' : undefined}>
            {problem === 'missing' ? t('dash.rangeMissing') : problem === 'order' ? t('dash.rangeOrder') : problem === 'length' ? t('dash.rangeLength') : ''}
          </p>
        </form>
      )}

      {loading.value && !s && <p class="page-loading">{t('dash.loading')}</p>}
      {s && (
        <>
          <div class="dash-tabs" role="group" aria-label={t('dash.range')}>
            <button type="button" class="btn btn-small" aria-pressed={view.value === 'today'} onClick={() => (view.value = 'today')}>
              {t('dash.today', { day: s.today.day })}
            </button>
            <button type="button" class="btn btn-small" aria-pressed={view.value === 'range'} onClick={() => (view.value = 'range')}>
              {t('dash.rangeTotal', { from: s.from, to: s.to })}
            </button>
          </div>
          <p class="small muted dash-legend">{t('dash.legend')}</p>
          {view.value === 'today' ? (
            <TodayView day={s.today} locale={locale} since={s.checkedSince} />
          ) : (
            <RangeView range={s.range} days={s.days} locale={locale} title={t('dash.rangeTotal', { from: s.from, to: s.to })} />
          )}
        </>
      )}
    </section>
  );
}

function Tiles({ cells, locale, testId }: { cells: { key: string; label: string; value: Shown }[]; locale: string; testId: string }) {
  return (
    <dl class="tiles" data-testid={testId}>
      {cells.map((c) => (
        <div class="tile card" key={c.key} data-key={c.key}>
          <dt>{c.label}</dt>
          <dd>{cellText(c.value, locale)}</dd>
        </div>
      ))}
    </dl>
  );
}

type Breakdown = Pick<DayStats, 'people' | 'fever' | 'red' | 'checkins' | 'sex' | 'age' | 'hours' | 'inspectors'> | RangeStats;

function Charts({ b, locale, prefix }: { b: Breakdown; locale: string; prefix: string }) {
  const ageLabel = (k: string) => (k === 'unknown' ? t('dash.unknown') : t('dash.ageBand', { band: k }));
  return (
    <div class="chart-grid">
      <BarChart
        title={t('dash.hours')}
        testId={`${prefix}-hours`}
        locale={locale}
        layout="columns"
        rows={(b.hours as Shown[]).map((v, h) => ({ label: t('dash.hour', { h: String(h).padStart(2, '0') }), value: v }))}
      />
      <BarChart
        title={t('dash.sex')}
        testId={`${prefix}-sex`}
        locale={locale}
        rows={[
          { label: t('dash.male'), value: b.sex.male },
          { label: t('dash.female'), value: b.sex.female },
          { label: t('dash.unknown'), value: b.sex.unknown },
        ]}
      />
      <BarChart title={t('dash.age')} testId={`${prefix}-age`} locale={locale} rows={AGE_KEYS.map((k) => ({ label: ageLabel(k), value: (b.age as Record<string, Shown>)[k]! }))} />
      {b.inspectors.length > 0 ? (
        <BarChart
          title={t('dash.inspectors')}
          testId={`${prefix}-inspectors`}
          locale={locale}
          rows={(b.inspectors as { label: string; count: Shown }[]).map((i) => ({ label: t('dash.inspector', { label: i.label }), value: i.count }))}
        />
      ) : (
        <div class="card">
          <h3>{t('dash.inspectors')}</h3>
          <p class="muted">{t('dash.noInspectors')}</p>
        </div>
      )}
    </div>
  );
}

function summary(b: Breakdown) {
  return [
    { key: 'people', label: t('dash.people'), value: b.people as Shown },
    { key: 'fever', label: t('dash.fever'), value: b.fever as Shown },
    { key: 'red', label: t('dash.red'), value: b.red as Shown },
    { key: 'checkins', label: t('dash.checkins'), value: b.checkins as Shown },
  ];
}

function TodayView({ day, locale, since }: { day: DayStats; locale: string; since: { since: string; inspectors: { label: string; count: Shown }[] } }) {
  return (
    <section class="stack" aria-labelledby="today-title" data-testid="today">
      <h2 id="today-title">{t('dash.today', { day: day.day })}</h2>
      <Tiles cells={summary(day)} locale={locale} testId="today-tiles" />
      <Charts b={day} locale={locale} prefix="today" />
      <div class="card" data-testid="since">
        <h3>{t('dash.since', { time: since.since })}</h3>
        {since.inspectors.length === 0 ? (
          <p class="muted">{t('dash.noInspectors')}</p>
        ) : (
          <table class="stats-table">
            <tbody>
              {since.inspectors.map((i) => (
                <tr key={i.label}>
                  <th scope="row">{t('dash.inspector', { label: i.label })}</th>
                  <td>{cellText(i.count, locale)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
    </section>
  );
}

function RangeView({ range, days, locale, title }: { range: RangeStats; days: DayStats[]; locale: string; title: string }) {
  return (
    <section class="stack" aria-labelledby="range-title" data-testid="range">
      <h2 id="range-title">{title}</h2>
      <Tiles cells={summary(range)} locale={locale} testId="range-tiles" />
      <Charts b={range} locale={locale} prefix="range" />
      <div class="card stack">
        <h3>{t('dash.byDay')}</h3>
        <div class="table-scroll" tabIndex={0} role="region" aria-label={t('dash.byDay')}>
          <table class="stats-table by-day" data-testid="by-day">
            <thead>
              <tr>
                <th scope="col">{t('dash.day')}</th>
                <th scope="col">{t('dash.people')}</th>
                <th scope="col">{t('dash.fever')}</th>
                <th scope="col">{t('dash.red')}</th>
                <th scope="col">{t('dash.col.checkins')}</th>
                <th scope="col">{t('dash.male')}</th>
                <th scope="col">{t('dash.female')}</th>
                <th scope="col">{t('dash.col.sexUnknown')}</th>
                {AGE_KEYS.map((k) => (
                  <th scope="col" key={k}>
                    {k === 'unknown' ? t('dash.col.ageUnknown') : k === '60+' ? t('dash.col.age60') : t('dash.col.age', { band: k })}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {[...days].reverse().map((d) => (
                <tr key={d.day} data-day={d.day}>
                  <th scope="row">{d.day}</th>
                  {[d.people, d.fever, d.red, d.checkins, d.sex.male, d.sex.female, d.sex.unknown, ...AGE_KEYS.map((k) => d.age[k])].map((c, i) => (
                    <td key={i}>{cellText(c, locale)}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <div class="row">
          <span class="muted">{t('dash.export')}</span>
          <a class="btn btn-small" href={exportHref('csv', locale)} download data-testid="export-csv">
            {t('dash.csv')}
          </a>
          <a class="btn btn-small" href={exportHref('xlsx', locale)} download data-testid="export-xlsx">
            {t('dash.xlsx')}
          </a>
        </div>
      </div>
    </section>
  );
}
