// The inspector's gate: venue, three ways in for a code (camera, typed or pasted, keyboard-wedge
// scanner), the verdict, the temperature, save — then ready for the next person. Loaded lazily.

import { useEffect, useRef } from 'preact/hooks';
import { useSignal } from '@preact/signals';
import { cameraOn } from '../../app/activity.js';
import { requestPersist } from '../../app/persist.js';
import { startCamera, type ScannerHandle } from './camera.js';
import { verdictFeedback } from './feedback.js';
import { GateSettings } from './GateSettings.js';
import { GateStatus } from './GateStatus.js';
import { watchLists } from './lists.js';
import { checkCode, discardScan, gateError, saveRecord, savedAt, saving, scan } from './state.js';
import { t } from './strings.js';
import { SyncPanel } from './SyncPanel.js';
import { TemperatureEntry } from './TemperatureEntry.js';
import { startUploads } from './uploads.js';
import { VerdictCard } from './VerdictCard.js';
import { loadVenues, pickVenue, venueId, venues, venuesError } from './venues.js';
import { WedgeCollector } from './wedge.js';

/** The usual camera failures in words; anything else keeps the browser's own message. */
function cameraMessage(e: Error): string {
  if (e.name === 'NotAllowedError' || e.name === 'SecurityError') return t('gate.cameraDenied');
  if (e.name === 'NotFoundError' || e.name === 'OverconstrainedError') return t('gate.cameraMissing');
  return t('gate.cameraError', { msg: e.message });
}

const isTextTarget = (el: EventTarget | null) =>
  el instanceof HTMLElement && (el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName));

export default function GatePage() {
  const manualRef = useRef<HTMLInputElement>(null);
  const cameraRef = useRef<HTMLDivElement>(null);
  const scanner = useRef<ScannerHandle | null>(null);
  const cameraState = useSignal<'off' | 'starting' | 'on'>('off');
  const cameraError = useSignal<Error | null>(null);
  const cameraId = useSignal<string | undefined>(undefined);

  async function submit(text: string, fromCamera = false) {
    // The camera still sees the person being checked: do not wipe the temperature being typed.
    if (fromCamera && scan.value?.text === text.trim()) return;
    const verdict = await checkCode(text);
    if (verdict) verdictFeedback(verdict.kind);
  }

  async function save() {
    if (await saveRecord()) {
      if (manualRef.current) {
        manualRef.current.value = '';
        manualRef.current.focus();
      }
    }
  }

  async function stopCamera() {
    const handle = scanner.current;
    scanner.current = null;
    cameraState.value = 'off';
    cameraOn.value = false;
    await handle?.stop().catch(() => undefined);
  }

  async function openCamera() {
    if (cameraState.value !== 'off') return;
    cameraState.value = 'starting';
    cameraOn.value = true;
    cameraError.value = null;
    // Let the container render visible first: the scanner sizes its video to it.
    await new Promise((r) => setTimeout(r, 0));
    try {
      const handle = await startCamera(
        cameraRef.current!,
        (text) => void submit(text, true),
        (e) => {
          cameraError.value = e;
          void stopCamera();
        },
        cameraId.value,
      );
      // Stopped while it was opening: close it again at once.
      if (cameraState.value !== 'starting') return void handle.stop();
      scanner.current = handle;
      cameraState.value = 'on';
    } catch (e) {
      cameraError.value = e instanceof Error ? e : new Error(String(e));
      cameraState.value = 'off';
      cameraOn.value = false;
    }
  }

  useEffect(() => {
    startUploads();
    const stopLists = watchLists();
    void loadVenues();
    void requestPersist();
    // A keyboard-wedge scanner types fast and ends with Enter; fields handle their own Enter.
    const wedge = new WedgeCollector();
    const onKey = (e: KeyboardEvent) => {
      if (isTextTarget(e.target)) return;
      const text = wedge.feed(e.key, e.timeStamp);
      if (text) {
        e.preventDefault();
        void submit(text);
      }
    };
    document.addEventListener('keydown', onKey);
    return () => {
      stopLists();
      document.removeEventListener('keydown', onKey);
      void stopCamera();
    };
  }, []);

  const current = scan.value;
  const error = gateError.value;
  return (
    <div class="gate">
      <label class="field venue">
        <span>{t('gate.venue')}</span>
        <select data-testid="venue-select" value={venueId.value ?? ''} onChange={(e) => void pickVenue(e.currentTarget.value)}>
          <option value="">{t('gate.pickVenue')}</option>
          {venues.value.map((v) => (
            <option key={v.id} value={v.id}>
              {v.name}
            </option>
          ))}
        </select>
      </label>
      {venues.value.length === 0 && venuesError.value === null && <p class="muted small">{t('gate.noVenues')}</p>}

      <div class={`camera-view ${cameraState.value === 'off' ? 'is-off' : ''}`} data-testid="camera-view" ref={cameraRef} />
      {cameraState.value === 'starting' && <p class="muted">{t('gate.cameraLoading')}</p>}
      {cameraError.value && (
        <p class="error" role="alert">
          {cameraMessage(cameraError.value)}
        </p>
      )}

      <form
        class="manual"
        onSubmit={(e) => {
          e.preventDefault();
          void submit(manualRef.current?.value ?? '');
        }}
      >
        <label class="sr-only" for="manual-code">
          {t('gate.manualLabel')}
        </label>
        <input
          id="manual-code"
          ref={manualRef}
          data-testid="manual-code"
          type="text"
          autoComplete="off"
          autoCapitalize="characters"
          spellcheck={false}
          placeholder={t('gate.manualPlaceholder')}
        />
        <button type="submit" class="btn btn-primary" data-testid="manual-submit">
          {t('gate.manualSubmit')}
        </button>
      </form>

      {current ? (
        <div class="scan">
          <VerdictCard verdict={current.verdict} at={current.at} />
          <TemperatureEntry onSubmit={() => void save()} />
        </div>
      ) : (
        savedAt.value !== null && (
          <p class="saved" data-testid="saved-notice" role="status">
            ✓ {t('gate.saved')}
          </p>
        )
      )}
      {error && (
        <p class="error" role="alert">
          {t(error.key, error.params)}
        </p>
      )}

      <GateStatus />
      <SyncPanel />
      <GateSettings cameraId={cameraId} />

      <div class={`bottom-bar ${current ? 'is-scan' : ''}`}>
        {cameraState.value === 'off' ? (
          <button type="button" class="btn btn-big" data-testid="start-camera" onClick={() => void openCamera()}>
            {t('gate.startCamera')}
          </button>
        ) : (
          <button type="button" class="btn btn-big" data-testid="stop-camera" aria-label={t('gate.stopCamera')} onClick={() => void stopCamera()}>
            {current ? t('gate.stopCameraShort') : t('gate.stopCamera')}
          </button>
        )}
        {current && (
          <>
            <button type="button" class="btn btn-big btn-quiet" aria-label={t('gate.cancel')} title={t('gate.cancel')} onClick={discardScan}>
              ✕
            </button>
            <button type="button" class="btn btn-big btn-primary" data-testid="save-record" disabled={saving.value} onClick={() => void save()}>
              {saving.value ? t('gate.saving') : t('gate.save')}
            </button>
          </>
        )}
      </div>
    </div>
  );
}
