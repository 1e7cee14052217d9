// The inspector's gate, for one hand: the venue, the scanner (camera that stays on between people,
// typed or pasted codes, a keyboard-wedge scanner), and for each scan the verdict in a band that
// stays in view while the temperature is taken, then "saved, ready for the next". A scan that is
// not a genuine readable code offers "scan again" or an explicit "log refused entry" instead.
// Below: today's tally and list, uploads, settings. Loaded lazily.

import type { RefObject } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { useSignal } from '@preact/signals';
import type { Verdict } from '../../../shared/code/verify.js';
import { cameraOn } from '../../app/activity.js';
import { requestPersist } from '../../app/persist.js';
import { startCamera, type ScannerHandle } from './camera.js';
import { verdictFeedback } from './feedback.js';
import { GateSettings } from './GateSettings.js';
import { ClockWarning, GateStatus } from './GateStatus.js';
import { watchLists } from './lists.js';
import { prefs, toggleMute } from './prefs.js';
import { Announcer, ScanPanel } from './ScanPanel.js';
import { checkCode, discardScan, gateError, lastDone, logRefusal, saveRecord, scan, setTempText } from './state.js';
import { t } from './strings.js';
import { SyncPanel } from './SyncPanel.js';
import { TodayList } from './TodayList.js';
import { watchRefused } from './today.js';
import { startUploads } from './uploads.js';
import { isCheckable, spokenKey, toneOf } from './verdicts.js';
import { loadVenues, pickVenue, venueId, venues, venuesError } from './venues.js';
import { listenForWedge } from './wedge.js';
import { bindByCode, binding, isDeclarationCode } from './binding.js';
import { VenueBinding } from './VenueBinding.js';
import { CheckinCode } from './CheckinCode.js';

/** The usual camera failures in words; anything else keeps the browser's own message. */
function cameraMessage(e: Error): string {
  if (e.name === 'NotAllowedError' || e.name === 'SecurityError') return t('gate.cameraDenied');
  if (e.name === 'NotFoundError' || e.name === 'OverconstrainedError') return t('gate.cameraMissing');
  return t('gate.cameraError', { msg: e.message });
}

/** A camera read of a code just handled (saved, dropped) is the same person still in view: ignore it this long. */
const SAME_PERSON_MS = 8_000;

export default function GatePage() {
  const manualRef = useRef<HTMLInputElement>(null);
  const cameraRef = useRef<HTMLDivElement>(null);
  const doneRef = useRef<HTMLParagraphElement>(null);
  const scanner = useRef<ScannerHandle | null>(null);
  /** The code id last handled and when: a live code's text changes every few seconds, its id does not. */
  const handled = useRef<{ cti: string; at: number } | null>(null);
  const lastDeclaration = useRef<string | null>(null);
  const cameraState = useSignal<'off' | 'starting' | 'on'>('off');
  const cameraError = useSignal<Error | null>(null);
  const cameraId = useSignal<string | undefined>(undefined);

  async function submit(text: string, fromCamera = false) {
    // A venue's declaration code binds this inspector to the venue; it is not a person to check.
    if (isDeclarationCode(text)) {
      if (manualRef.current) manualRef.current.value = '';
      // The camera keeps seeing the poster: one bind per code until another is scanned.
      const code = text.trim().toUpperCase();
      if (binding.value || (fromCamera && lastDeclaration.current === code)) return;
      lastDeclaration.current = code;
      await bindByCode(code);
      return;
    }
    const current = scan.value;
    // The camera still sees the person being checked: do not wipe the temperature being typed.
    if (fromCamera && current?.text === text.trim()) return;
    // While a verdict is on screen no frame needs decoding: the main thread goes to the verdict.
    scanner.current?.pause();
    const verdict = await checkCode(text, fromCamera ? sameCodeAsRecent : undefined);
    if (!verdict) {
      if (!scan.value) scanner.current?.resume();
      return;
    }
    if (manualRef.current) manualRef.current.value = '';
    // Sound and vibration right after the verdict is painted, not before: setting up audio takes
    // a slow phone's main thread for a moment, and the screen comes first.
    requestAnimationFrame(() => setTimeout(() => verdictFeedback(toneOf(verdict), t(spokenKey(verdict))), 0));
  }

  /** For camera reads: the code now in view is the one on screen, or the one just saved or dropped. */
  function sameCodeAsRecent(v: Verdict): boolean {
    if (!('code' in v)) return false;
    const onScreen = scan.value?.verdict;
    if (onScreen && 'code' in onScreen && onScreen.code.cti === v.code.cti) return true;
    const h = handled.current;
    return h !== null && h.cti === v.code.cti && Date.now() - h.at < SAME_PERSON_MS;
  }

  function rememberHandled() {
    const v = scan.value?.verdict;
    handled.current = v && 'code' in v ? { cti: v.code.cti, at: Date.now() } : null;
  }

  /** The scan is dealt with: the camera looks for the next person. */
  function ready() {
    scanner.current?.resume();
    // After the notice has rendered: focus goes to it, not lost with the buttons that went away.
    setTimeout(() => doneRef.current?.focus(), 0);
  }

  async function save() {
    rememberHandled();
    if (await saveRecord()) ready();
  }

  async function refuse() {
    rememberHandled();
    if (await logRefusal()) ready();
  }

  /** "Next person" after a readable code; "scan again" after anything else, when the same code may well come back live. */
  function next() {
    const v = scan.value?.verdict;
    if (v && isCheckable(v)) rememberHandled();
    else handled.current = null;
    discardScan();
    ready();
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
      if (scan.value) handle.pause();
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
    const stopToday = watchRefused();
    void loadVenues();
    void requestPersist();
    // Each wedge scan is a scan of its own, wherever the focus is: the field it was typed into
    // gets back what it held (the code field is emptied; a temperature being typed is kept).
    const stopWedge = listenForWedge(
      document,
      (text) => void submit(text),
      (field, before) => {
        if (field.id === 'temp-input') setTempText(before);
        else field.value = field === manualRef.current ? '' : before;
      },
    );
    return () => {
      stopLists();
      stopToday();
      stopWedge();
      void stopCamera();
    };
  }, []);

  return (
    <div class="gate">
      <div class="gate-head">
        <h1>{t('gate.title')}</h1>
        <button type="button" class={`btn btn-small sound-toggle ${prefs.value.muted ? 'is-muted' : ''}`} data-testid="mute-toggle" aria-pressed={prefs.value.muted} onClick={toggleMute}>
          <SpeakerIcon muted={prefs.value.muted} />
          {prefs.value.muted ? t('gate.soundOff') : t('gate.soundOn')}
        </button>
      </div>
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
      <ClockWarning />

      <VenueBinding />
      <ScanPanel onSave={() => void save()} onDiscard={next} onRefuse={() => void refuse()} />

      <section class="scanner" aria-label={t('gate.scannerTitle')}>
        <div class={`camera-view ${cameraState.value === 'off' ? 'is-off' : ''}`} data-testid="camera-view" ref={cameraRef} />
        {cameraState.value === 'starting' && <p class="muted">{t('gate.cameraLoading')}</p>}
        {cameraError.value && (
          <p class="error" role="alert">
            {cameraMessage(cameraError.value)}
          </p>
        )}
        {cameraState.value === 'off' ? (
          <button type="button" class="btn btn-big btn-camera" data-testid="start-camera" onClick={() => void openCamera()}>
            {t('gate.startCamera')}
          </button>
        ) : (
          <button type="button" class="btn btn-small" data-testid="stop-camera" onClick={() => void stopCamera()}>
            {t('gate.stopCamera')}
          </button>
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
          <button type="submit" class="btn" data-testid="manual-submit">
            {t('gate.manualSubmit')}
          </button>
        </form>
        <IdleError />
      </section>

      <DoneNotice doneRef={doneRef} />
      <CheckinCode />

      <GateStatus />
      <TodayList />
      <SyncPanel />
      <GateSettings cameraId={cameraId} />
      <Announcer />
    </div>
  );
}

/** An error with no scan on screen (an empty code field, say), under the code field. */
function IdleError() {
  const error = gateError.value;
  if (scan.value || !error) return null;
  return (
    <p class="error" role="alert">
      {t(error.key, error.params)}
    </p>
  );
}

/** "Saved, ready for the next" (or "refused entry logged") until the next scan; focused, so a screen reader hears it. */
function DoneNotice({ doneRef }: { doneRef: RefObject<HTMLParagraphElement | null> }) {
  const done = lastDone.value;
  if (scan.value || !done) return null;
  return (
    <p class={`saved ${done.kind === 'refused' ? 'is-refused' : ''}`} data-testid="saved-notice" role="status" tabIndex={-1} ref={doneRef}>
      {done.kind === 'saved' ? `✓ ${t('gate.savedAt', { temp: done.temperature?.toFixed(1) ?? '' })}` : t('gate.refusedLogged')}
    </p>
  );
}

/** A speaker, with sound waves or crossed out (drawn: not every phone has an emoji font). */
function SpeakerIcon({ muted }: { muted: boolean }) {
  return (
    <svg class="icon" viewBox="0 0 24 24" aria-hidden="true" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round">
      <path d="M4 9h4l5-4v14l-5-4H4z" fill="currentColor" />
      {muted ? <path d="M17 9l5 6M22 9l-5 6" /> : <path d="M16.5 8.5a5 5 0 0 1 0 7M19.5 5.5a9 9 0 0 1 0 13" />}
    </svg>
  );
}
