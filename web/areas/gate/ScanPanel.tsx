// The scan on screen, in components of their own so a new scan re-renders these and not the whole
// gate page (the verdict paints sooner): the scan panel, and the screen reader's announcement.

import { useEffect, useRef } from 'preact/hooks';
import { RedGuidance } from './RedGuidance.js';
import { ScanActions } from './ScanActions.js';
import { gateError, saving, scan } from './state.js';
import { t, type GateKey } from './strings.js';
import { TemperatureEntry } from './TemperatureEntry.js';
import { VerdictBand, VerdictDetails } from './VerdictCard.js';
import { isCheckable, titleKey } from './verdicts.js';

const TEMP_ERRORS: ReadonlySet<GateKey> = new Set(['temp.required', 'temp.range']);

/**
 * The scan on screen: its verdict band (sticky), details, temperature or "scan again", actions. Its
 * own component, so a new scan re-renders this and not the whole gate page (the verdict paints sooner).
 */
export function ScanPanel({ onSave, onDiscard, onRefuse }: { onSave: () => void; onDiscard: () => void; onRefuse: () => void }) {
  const ref = useRef<HTMLElement>(null);
  const current = scan.value;
  useEffect(() => {
    if (current) document.title = `${t(titleKey(current.verdict))} · ${t('gate.docTitle')}`;
    else document.title = t('gate.docTitle');
    // A new scan comes into view (a wedge scan may arrive while the inspector looks at the list
    // below), to the top exactly: the page's scroll padding (room for the sticky band) does not apply.
    const el = ref.current;
    if (current && el) window.scrollTo({ top: el.getBoundingClientRect().top + window.scrollY });
  }, [current?.n]);
  if (!current) return null;
  const error = gateError.value;
  const tempError = error && TEMP_ERRORS.has(error.key) ? error.key : null;
  const checkable = isCheckable(current.verdict);
  return (
    <section class="scan" ref={ref} aria-label={t('gate.scanRegion')} data-testid="scan">
      <VerdictBand verdict={current.verdict} />
      <VerdictDetails verdict={current.verdict} at={current.at}>
        <RedGuidance verdict={current.verdict} />
      </VerdictDetails>
      {checkable ? <TemperatureEntry onSubmit={onSave} error={tempError} /> : <p class="refused-hint">{t('gate.refusedHint')}</p>}
      {error && !tempError && (
        <p class="error" role="alert">
          {t(error.key, error.params)}
        </p>
      )}
      <ScanActions checkable={checkable} saving={saving.value} onSave={onSave} onDiscard={onDiscard} onRefuse={onRefuse} />
    </section>
  );
}

/**
 * The screen reader's account of each scan, in a live region of its own: its text alternates
 * between two forms, so the same verdict twice in a row is announced twice.
 */
export function Announcer() {
  const current = scan.value;
  const text = current ? `${t(titleKey(current.verdict))}${current.n % 2 ? '' : '\u00a0'}` : '';
  return (
    <div class="sr-only" aria-live="assertive" aria-atomic="true" data-testid="announcer" data-scan={current?.n ?? 0}>
      {text}
    </div>
  );
}
