// Today's checks and refused entries on this phone, newest first, codes masked: the time, the
// verdict in words, the temperature, the masked name the code carries, the last characters of the
// code, and whether it has been uploaded. The rows are read and drawn only while the list is open.

import { useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import type { VerdictKind } from '../../../shared/code/verify.js';
import { formatClockTime } from '../../i18n/index.js';
import { t } from './strings.js';
import { checks, codeTail, maskedNameOf, refused, watchChecks } from './today.js';
import { tally } from './uploads.js';
import { ICON, toneOfKind } from './verdicts.js';

type Row = { key: string; at: number; kind: VerdictKind; text: string; detail: string; state: string };

function Rows() {
  const rows: Row[] = [
    ...checks.value.map(({ record, state }) => ({
      key: record.id,
      at: record.capturedAt,
      kind: record.verdict,
      text: record.code,
      detail: `${record.temperature.toFixed(1)} °C`,
      state: t(`today.${state}`),
    })),
    ...refused.value.map((r, i) => ({ key: `refused-${r.at}-${i}`, at: r.at, kind: r.verdict, text: r.codeTail, detail: t('today.refused'), state: '' })),
  ].sort((a, b) => b.at - a.at);
  if (rows.length === 0) return <p class="muted">{t('today.empty')}</p>;
  return (
    <ul>
      {rows.map((r) => {
        const tone = toneOfKind(r.kind);
        const name = maskedNameOf(r.text);
        return (
          <li key={r.key} class={`today-row tone-${tone}`}>
            <span class="today-time">{formatClockTime(r.at)}</span>
            <span class="today-verdict">
              <span aria-hidden="true">{ICON[tone]} </span>
              {t(`verdict.${r.kind}`)}
            </span>
            <span class="today-detail">
              {r.detail}
              {name && ` · ${name}`} · {codeTail(r.text)}
              {r.state && ` · ${r.state}`}
            </span>
          </li>
        );
      })}
    </ul>
  );
}

export function TodayList() {
  const open = useSignal(false);
  useEffect(() => (open.value ? watchChecks() : undefined), [open.value]);
  const total = tally.value.scanned + refused.value.length;
  const shown = checks.value.length + refused.value.length;
  return (
    <details class="card today" data-testid="today-list" onToggle={(e) => (open.value = (e.currentTarget as HTMLDetailsElement).open)}>
      <summary>
        <span>
          {t('today.title')} ({total})
        </span>
        <span class="chevron" aria-hidden="true" />
      </summary>
      {open.value && <Rows />}
      {open.value && total > shown && <p class="muted small">{t('today.more', { n: total - shown })}</p>}
    </details>
  );
}
