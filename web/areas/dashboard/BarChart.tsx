// A light bar chart in SVG with its numbers beside it as a table: a withheld cell ('<5', '—') draws
// no bar and says so in its label, so the picture never shows more than the numbers do.

import type { Count, Sum } from '../../../shared/api/stats.js';
import { t } from './strings.js';

export type Shown = Count | Sum;

/** The number a cell stands for in a chart (withheld cells: 0). */
export function valueOf(c: Shown): number {
  if (typeof c === 'number') return c;
  if (typeof c === 'object') return c.n;
  return 0;
}

/** A cell as text: the number, '<5', '—' (withheld), or '≥ n' for a range sum with withheld days. */
export function cellText(c: Shown, locale: string): string {
  if (typeof c === 'number') return c.toLocaleString(locale);
  if (c === '<5') return '<5';
  if (c === 'hidden') return t('dash.hiddenCell');
  return c.partial ? t('dash.atLeast', { n: c.n.toLocaleString(locale) }) : c.n.toLocaleString(locale);
}

export interface BarChartProps {
  title: string;
  rows: readonly { label: string; value: Shown }[];
  locale: string;
  testId: string;
  /** Bars side by side (hours) or one per line with its label (categories). */
  layout?: 'columns' | 'rows';
}

export function BarChart({ title, rows, locale, testId, layout = 'rows' }: BarChartProps) {
  const max = Math.max(1, ...rows.map((r) => valueOf(r.value)));
  return (
    <figure class="chart card" data-testid={testId}>
      <figcaption>
        <h3>{title}</h3>
      </figcaption>
      {layout === 'columns' ? <Columns rows={rows} max={max} locale={locale} title={title} /> : <Rows rows={rows} max={max} locale={locale} title={title} />}
      <details>
        <summary>{t('dash.table')}</summary>
        <table class="stats-table">
          <tbody>
            {rows.map((r) => (
              <tr key={r.label}>
                <th scope="row">{r.label}</th>
                <td>{cellText(r.value, locale)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}

interface PartProps {
  rows: BarChartProps['rows'];
  max: number;
  locale: string;
  title: string;
}

function Rows({ rows, max, locale, title }: PartProps) {
  const rowH = 28;
  return (
    <svg class="chart-svg" viewBox={`0 0 320 ${rows.length * rowH}`} role="img" aria-label={t('dash.chartOf', { title })} preserveAspectRatio="xMinYMin meet">
      {rows.map((r, i) => {
        const w = (valueOf(r.value) / max) * 170;
        return (
          <g key={r.label} transform={`translate(0 ${i * rowH})`}>
            <text x="0" y="18" class="chart-label">
              {r.label}
            </text>
            <rect x="96" y="5" width={Math.max(w, 1)} height="18" rx="3" class={typeof r.value === 'number' || typeof r.value === 'object' ? 'bar' : 'bar bar-withheld'} />
            <text x={100 + w} y="18" class="chart-value">
              {cellText(r.value, locale)}
            </text>
          </g>
        );
      })}
    </svg>
  );
}

function Columns({ rows, max, locale, title }: PartProps) {
  const colW = 320 / rows.length;
  return (
    <svg class="chart-svg" viewBox="0 0 320 150" role="img" aria-label={t('dash.chartOf', { title })} preserveAspectRatio="xMinYMin meet">
      {rows.map((r, i) => {
        const h = (valueOf(r.value) / max) * 110;
        return (
          <g key={r.label}>
            <title>{`${r.label}: ${cellText(r.value, locale)}`}</title>
            <rect x={i * colW + 1} y={125 - Math.max(h, 1)} width={colW - 2} height={Math.max(h, 1)} rx="1.5" class={typeof r.value === 'string' ? 'bar bar-withheld' : 'bar'} />
            {i % 6 === 0 && (
              <text x={i * colW} y="142" class="chart-axis">
                {String(i).padStart(2, '0')}
              </text>
            )}
          </g>
        );
      })}
    </svg>
  );
}
