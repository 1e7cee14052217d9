// The code card's QR, shown live: once the presentation chunk is in (after first paint), the QR is
// the code plus this phone's proof of the moment, remade every few seconds, so a screenshot or a
// forwarded picture of it fails at the gate. A code that is not bound to this phone shows as it is.
// Under it, a hint when this phone's clock is far enough off that gates would take it for a replay.

import { useEffect } from 'preact/hooks';
import { useSignal } from '@preact/signals';
import type { QrPath } from '../../ui/qr-path.js';
import { QrSvg } from '../../ui/QrSvg.js';
import { useNow } from '../../ui/useNow.js';
import type { holderClockHint } from './presenter.js';
import { t } from './strings.js';

type HintFn = typeof holderClockHint;

function ClockHint({ hintAt }: { hintAt: HintFn }) {
  const now = useNow(15_000);
  const hint = hintAt(now);
  if (hint.kind === 'ok') return null;
  const by = t('live.minutes', { n: Math.max(1, Math.round(hint.byMs / 60_000)) });
  return (
    <p class="banner banner-warn live-clock" role="alert" data-testid="clock-hint">
      {t(hint.kind === 'behind' ? 'live.clockBehind' : 'live.clockAhead', { by })}
    </p>
  );
}

/**
 * `frameClass`: the frame around the QR (the code card's colour); the notes go under it. `path`: the
 * code's QR saved with it, drawn at once; any other text (the live presentation, a code saved
 * without one) waits for the encoder's chunk.
 */
export function LiveQr({ text, path, label, testId, frameClass }: { text: string; path?: QrPath; label: string; testId?: string; frameClass: string }) {
  const shown = useSignal(text);
  const live = useSignal(false);
  const hintAt = useSignal<HintFn | null>(null);
  const drawn = useSignal<{ text: string; path: QrPath } | null>(path ? { text, path } : null);
  const want = shown.value;
  useEffect(() => {
    if (drawn.value?.text === want) return;
    if (path && want === text) {
      drawn.value = { text, path };
      return;
    }
    let gone = false;
    void import('../../ui/qr-path.js').then((m) => {
      if (!gone) drawn.value = { text: want, path: m.qrPath(want) };
    }, () => undefined);
    return () => {
      gone = true;
    };
  }, [want, path]);
  useEffect(() => {
    shown.value = text;
    live.value = false;
    let stopped = false;
    let timer: ReturnType<typeof setInterval> | undefined;
    let onVisible: (() => void) | undefined;
    void import('./presenter.js')
      .then(async ({ presenterFor, holderClockHint, PRESENT_EVERY_MS }) => {
        hintAt.value = holderClockHint;
        const present = await presenterFor(text);
        if (!present || stopped) return;
        const tick = async () => {
          const next = await present(Date.now());
          if (stopped) return;
          shown.value = next;
          live.value = true;
        };
        await tick();
        timer = setInterval(() => void tick(), PRESENT_EVERY_MS);
        // Timers sleep in a background tab: back in view, the QR must be fresh at once.
        onVisible = () => document.visibilityState === 'visible' && void tick();
        document.addEventListener('visibilitychange', onVisible);
      })
      .catch(() => undefined); // No live chunk (or no key): the code still shows, as a plain code.
    return () => {
      stopped = true;
      clearInterval(timer);
      if (onVisible) document.removeEventListener('visibilitychange', onVisible);
    };
  }, [text]);
  return (
    <>
      <div data-live={live.value ? 'true' : 'false'} class={frameClass}>
        {drawn.value && <QrSvg path={drawn.value.path} label={label} testId={testId} />}
      </div>
      {live.value && (
        <p class="live-note" data-testid="live-note">
          <span class="live-dot" aria-hidden="true" />
          {t('live.note')}
        </p>
      )}
      {hintAt.value && <ClockHint hintAt={hintAt.value} />}
    </>
  );
}
