// /checkin#HGK1:…: where a visitor's camera lands after scanning a venue's sunflower code. The code is
// checked on the phone, the check-in recorded (queued when offline), and a full-screen confirmation
// shown for the inspector to glance at: venue, time to the second, and a moving sunflower that a
// screenshot cannot fake.

import { useEffect } from 'preact/hooks';
import { onResume } from '../../app/network.js';
import { lang } from '../../i18n/index.js';
import { useNow } from '../../ui/useNow.js';
import { checkIn, checkin, sendQueued } from './state.js';
import { t } from './strings.js';

export default function CheckinPage() {
  useEffect(() => {
    void checkIn(location.hash.slice(1));
    // Back online (or back to the page), and every 10 s while the page is open: whatever is queued goes up.
    const stop = onResume(() => void sendQueued());
    const timer = setInterval(() => void sendQueued(), 10_000);
    return () => {
      stop();
      clearInterval(timer);
    };
  }, []);
  const state = checkin.value;
  if (state.kind === 'checking') {
    return (
      <section class="card stack">
        <h1>{t('checkin.title')}</h1>
        <p class="muted" role="status">
          {t('checkin.checking')}
        </p>
      </section>
    );
  }
  if (state.kind === 'no-code' || state.kind === 'refused') {
    return (
      <section class="card stack" data-testid="checkin-refused">
        <h1>{t('checkin.refused')}</h1>
        <p class="error" role="alert" data-testid="checkin-reason">
          {state.kind === 'no-code' ? t('checkin.noCode') : state.reason === 'server' ? t('checkin.reason.server', { msg: state.message ?? '' }) : t(`checkin.reason.${state.reason}`)}
        </p>
        <a class="btn" href="/code">
          {t('checkin.myCode')}
        </a>
      </section>
    );
  }
  return <Confirmation venue={state.claims.venueName} at={state.at} sent={state.sent} />;
}

function Confirmation({ venue, at, sent }: { venue: string; at: number; sent: boolean }) {
  const now = useNow(1000);
  const clock = new Intl.DateTimeFormat(lang.value, { hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false }).format(now);
  const date = new Intl.DateTimeFormat(lang.value, { month: 'long', day: 'numeric', weekday: 'short' }).format(at);
  return (
    <section class="checkin-done" data-testid="checkin-done" role="status">
      <svg class="sunflower" viewBox="-50 -50 100 100" aria-hidden="true">
        {Array.from({ length: 16 }, (_, i) => (
          <ellipse key={i} cx="0" cy="-32" rx="7" ry="16" transform={`rotate(${i * 22.5})`} fill="#f9c80e" />
        ))}
        <circle r="20" fill="#6d4c1f" />
        <path d="M-9 0l6 7 12-14" fill="none" stroke="#fff" stroke-width="5" stroke-linecap="round" stroke-linejoin="round" />
      </svg>
      <h1>{t('checkin.done')}</h1>
      <p class="checkin-venue" data-testid="checkin-venue">
        {venue}
      </p>
      <p class="checkin-clock" data-testid="checkin-clock">
        <span class="sr-only">{t('checkin.time')}</span>
        {date} {clock}
      </p>
      <p>{t('checkin.showInspector')}</p>
      <p class={`chip ${sent ? 'chip-ok' : 'chip-warn'}`} data-testid="checkin-sent">
        {sent ? t('checkin.sent') : t('checkin.queued')}
      </p>
    </section>
  );
}
