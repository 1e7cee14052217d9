// /venue/poster: the declaration code as a poster to print and put up where inspectors start their
// shift — the venue's name, a large QR and the code as text. The print stylesheet hides the rest.

import { useEffect } from 'preact/hooks';
import { Qr } from '../../ui/Qr.js';
import { loadVenue, venue } from './state.js';
import { t } from './strings.js';

export default function PosterPage() {
  useEffect(() => {
    if (venue.value === undefined) void loadVenue();
  }, []);
  const current = venue.value;
  if (current === undefined) return <p class="page-loading">{t('venue.loading')}</p>;
  if (current === null) {
    return (
      <section class="card stack">
        <h1>{t('poster.title')}</h1>
        <p>{t('poster.noVenue')}</p>
      </section>
    );
  }
  return (
    <article class="poster" data-testid="venue-poster">
      <div class="poster-actions no-print row">
        <a class="btn" href="/venue">
          {t('poster.back')}
        </a>
        <button type="button" class="btn btn-primary" onClick={() => window.print()}>
          {t('poster.print')}
        </button>
      </div>
      <h1 class="poster-title">{t('poster.title')}</h1>
      <p class="poster-venue">{current.name}</p>
      <div class="poster-qr">
        <Qr text={current.declarationCode} label={t('venue.qrLabel', { code: current.declarationCode })} />
      </div>
      <p class="code-text poster-code">{current.declarationCode}</p>
      <p class="poster-hint">{t('poster.scan')}</p>
      {current.areaLabel && (
        <p class="muted">
          {current.areaLabel} {current.address}
        </p>
      )}
    </article>
  );
}
