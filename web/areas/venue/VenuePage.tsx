// /venue: a manager's venue. Before it exists, the registration form; after, its details, its
// declaration code (QR and text, with a poster to print), the weekly change and the way to its
// members and to the gate (a manager can inspect too).

import { useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import { signOut } from '../../app/session.js';
import { errorText, lang } from '../../i18n/index.js';
import { Qr } from '../../ui/Qr.js';
import { SignOutButton } from '../../ui/SignOutButton.js';
import { editVenue, loadError, loadVenue, registerVenue, venue, type Failure } from './state.js';
import { t } from './strings.js';
import { VenueForm } from './VenueForm.js';

/** "Monday 7 December 00:00" in the venue's zone and the page's language. */
export function editDate(at: number, timeZone: string): string {
  return new Intl.DateTimeFormat(lang.value, { weekday: 'long', month: 'long', day: 'numeric', hour: '2-digit', minute: '2-digit', hour12: false, timeZone }).format(at);
}

export default function VenuePage() {
  const editing = useSignal(false);
  const notice = useSignal<string | null>(null);
  useEffect(() => void loadVenue(), []);

  const current = venue.value;
  if (current === undefined) {
    return loadError.value ? (
      <section class="card stack">
        <h1>{t('venue.title')}</h1>
        <p class="error" role="alert">
          {errorText(loadError.value)}
        </p>
        <button type="button" class="btn" onClick={() => void loadVenue()}>
          {t('venue.retry')}
        </button>
      </section>
    ) : (
      <p class="page-loading">{t('venue.loading')}</p>
    );
  }

  if (current === null) {
    return (
      <section class="card stack venue-page" data-testid="venue-register">
        <h1>{t('venue.registerTitle')}</h1>
        <p class="muted">{t('venue.registerIntro')}</p>
        <VenueForm
          submitLabel={t('venue.register')}
          onSubmit={async (values) => {
            const failed = await registerVenue(values);
            if (!failed) notice.value = t('venue.registered');
            return failed;
          }}
        />
        <SignOutButton class="btn" onClick={() => void signOut()} />
      </section>
    );
  }

  const tooSoon = (f: Failure) => (f.code === 'venue_edit_too_soon' && f.retryAfterSec ? t('venue.editFrom', { when: editDate(Date.now() + f.retryAfterSec * 1000, current.timeZone) }) : undefined);

  return (
    <div class="stack venue-page" data-testid="venue-details">
      <section class="card stack">
        <h1>{current.name}</h1>
        {notice.value && (
          <p class="chip chip-ok" role="status" data-testid="venue-notice">
            {notice.value}
          </p>
        )}
        <dl class="facts">
          <dt>{t('venue.area')}</dt>
          <dd data-testid="venue-area-label">{current.areaLabel ?? '—'}</dd>
          <dt>{t('venue.address')}</dt>
          <dd>{current.address || '—'}</dd>
          <dt>{t('venue.type')}</dt>
          <dd>{t(`type.${current.type}`)}</dd>
          <dt>{t('venue.contactPhone')}</dt>
          <dd>{current.contactPhoneMasked ?? '—'}</dd>
        </dl>
        <div class="row">
          <a class="btn btn-primary" href="/dashboard" data-testid="open-dashboard">
            {t('venue.dashboard')}
          </a>
          <a class="btn" href="/venue/members" data-testid="venue-members-link">
            {t('venue.members')}
          </a>
          <a class="btn" href="/gate">
            {t('venue.gate')}
          </a>
        </div>
      </section>

      <section class="card stack declaration" aria-labelledby="declaration-title">
        <h2 id="declaration-title">{t('venue.declarationCode')}</h2>
        <div class="declaration-qr">
          <Qr text={current.declarationCode} label={t('venue.qrLabel', { code: current.declarationCode })} testId="declaration-qr" />
        </div>
        <p class="code-text" data-testid="declaration-code">
          {current.declarationCode}
        </p>
        <p class="muted small">{t('venue.declarationHint')}</p>
        <a class="btn" href="/venue/poster" data-testid="venue-poster-link">
          {t('venue.poster')}
        </a>
      </section>

      <section class="card stack" aria-labelledby="edit-title">
        <h2 id="edit-title">{t('venue.edit')}</h2>
        <p class="muted small">{t('venue.editRule')}</p>
        {current.nextEditFrom !== null && (
          <p class="muted" data-testid="venue-edit-from">
            {t('venue.editFrom', { when: editDate(current.nextEditFrom, current.timeZone) })}
          </p>
        )}
        {editing.value ? (
          <VenueForm
            current={current}
            submitLabel={t('venue.save')}
            describeFailure={tooSoon}
            onCancel={() => (editing.value = false)}
            onSubmit={async (values) => {
              const failed = await editVenue(values);
              if (!failed) {
                editing.value = false;
                notice.value = t('venue.saved');
              }
              return failed;
            }}
          />
        ) : (
          <button type="button" class="btn" data-testid="venue-edit" onClick={() => (editing.value = true)}>
            {t('venue.edit')}
          </button>
        )}
      </section>
      <SignOutButton class="btn" onClick={() => void signOut()} />
    </div>
  );
}
