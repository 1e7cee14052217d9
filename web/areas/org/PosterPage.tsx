// /org/poster: the join code as a poster to print and put up (or hand out): the organisation's name,
// a large QR of the join link and the code as text. The print stylesheet hides the rest.

import { useEffect } from 'preact/hooks';
import { Qr } from '../../ui/Qr.js';
import { joinLink } from './OrgPage.js';
import { loadOrg, org } from './state.js';
import { t } from './strings.js';

export default function PosterPage() {
  useEffect(() => {
    if (org.value === undefined) void loadOrg();
  }, []);
  const current = org.value;
  if (current === undefined) return <p class="page-loading">{t('org.loading')}</p>;
  if (current === null) {
    return (
      <section class="card stack">
        <h1>{t('poster.title')}</h1>
        <p>{t('poster.noOrg')}</p>
      </section>
    );
  }
  return (
    <article class="poster" data-testid="org-poster">
      <div class="poster-actions no-print row">
        <a class="btn" href="/org">
          {t('poster.back')}
        </a>
        <button type="button" class="btn btn-primary" onClick={() => window.print()}>
          {t('poster.print')}
        </button>
      </div>
      <h1 class="poster-title">{t('poster.title')}</h1>
      <p class="poster-venue">{current.name}</p>
      <div class="poster-qr">
        <Qr text={joinLink(current.joinCode)} label={t('org.qrLabel', { code: current.joinCode })} />
      </div>
      <p class="code-text poster-code">{current.joinCode}</p>
      <p class="poster-hint">{t('poster.scan')}</p>
      {current.areaLabel && <p class="muted">{current.areaLabel}</p>}
    </article>
  );
}
