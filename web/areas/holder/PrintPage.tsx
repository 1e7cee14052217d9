// Printed codes for people without a phone: one member or the whole family on one A4 sheet of
// card-size codes (the print stylesheet lays them out), black on white, with the masked name, the
// issue date, how long it is valid and which print it is. Making them is a button, never a page
// load: every new printout revokes the person's earlier ones (their ids go on the red list).

import { useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import type { PrintedCode } from '../../../shared/api/members.js';
import { navigate } from '../../app/navigation.js';
import { me } from '../../app/session.js';
import { failureCode } from '../../http.js';
import { errorText, formatTime } from '../../i18n/index.js';
import { Qr } from '../../ui/Qr.js';
import { loadFamily } from './family.js';
import { cardImage, printCodes } from './print.js';
import { members } from './state.js';
import { ft } from './family-strings.js';
import { t } from './strings.js';

const formatDay = (ms: number) => new Intl.DateTimeFormat(document.documentElement.lang || undefined, { year: 'numeric', month: 'short', day: 'numeric' }).format(ms);

function cardLines(code: PrintedCode): string[] {
  return [code.maskedName, ft('print.issued', { date: formatDay(code.issuedAt) }), ft('print.validUntil', { time: formatTime(code.expiresAt) }), ft('print.seq', { n: code.seq })];
}

async function saveImage(code: PrintedCode): Promise<void> {
  const blob = await cardImage(code.text, cardLines(code));
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = `health-code-${code.seq}.png`;
  a.click();
  setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
}

export default function PrintPage() {
  const userId = me.value?.id;
  const { query } = useLocation();
  const ids = (query.ids ?? '').split(',').filter(Boolean);
  const printed = useSignal<{ personId: string; code: PrintedCode }[] | null>(null);
  const busy = useSignal(false);
  const error = useSignal<(() => string) | null>(null);
  useEffect(() => {
    if (userId && members.value.length === 0) void loadFamily(userId).catch(() => undefined);
  }, [userId]);
  if (!userId) return null;
  const names = ids.map((id) => members.value.find((m) => m.id === id)?.maskedName ?? '…');

  async function make() {
    busy.value = true;
    error.value = null;
    try {
      printed.value = await printCodes(ids);
    } catch (e) {
      const f = failureCode(e);
      error.value = () => errorText(f.code, f.retryAfterSec);
    } finally {
      busy.value = false;
    }
  }

  return (
    <section class="print-page stack">
      <div class="card stack no-print">
        <h1>{ids.length > 1 ? ft('print.titleFamily') : ft('print.title')}</h1>
        <p>{names.join(document.documentElement.lang.startsWith('zh') ? '、' : ', ')}</p>
        <p class="banner banner-warn">{ft('print.revokes')}</p>
        {!printed.value ? (
          <button type="button" class="btn btn-primary btn-block" data-testid="print-make" disabled={busy.value || ids.length === 0} onClick={() => void make()}>
            {busy.value ? ft('print.making') : ft('print.make')}
          </button>
        ) : (
          <button type="button" class="btn btn-primary btn-block" data-testid="print-now" onClick={() => window.print()}>
            {ft('print.print')}
          </button>
        )}
        {error.value && (
          <p class="error" role="alert">
            {error.value()}
          </p>
        )}
        <button type="button" class="btn btn-link" onClick={() => navigate('/family')}>
          {ft('family.back')}
        </button>
      </div>
      {printed.value && (
        <div class="print-sheet" data-testid="print-sheet">
          {printed.value.map(({ personId, code }) => (
            <article class="print-card" key={personId} data-testid="print-card">
              <Qr text={code.text} label={t('code.qrLabel', { name: code.maskedName, status: code.status === 'green' ? t('code.green') : t('code.red'), time: formatTime(code.expiresAt) })} testId="print-qr" />
              <div class="print-words">
                <strong class="print-name">{code.maskedName}</strong>
                <span>{t('code.kind.printed')}</span>
                <span>{ft('print.issued', { date: formatDay(code.issuedAt) })}</span>
                <span>{ft('print.validUntil', { time: formatTime(code.expiresAt) })}</span>
                <span data-testid="print-seq">{ft('print.seq', { n: code.seq })}</span>
                <button type="button" class="btn btn-small btn-quiet no-print" onClick={() => void saveImage(code)}>
                  {ft('print.saveImage')}
                </button>
              </div>
            </article>
          ))}
        </div>
      )}
    </section>
  );
}
