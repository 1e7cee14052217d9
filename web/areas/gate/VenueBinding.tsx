// Beside the venue picker: this inspector's tag at the picked venue (what its manager sees), leaving
// it, and what became of the last declaration code scanned. Binding itself happens by scanning the
// venue's declaration code with the camera, the code field or a hardware scanner.

import { errorText } from '../../i18n/index.js';
import { binding, bindingNotice, leaveVenue } from './binding.js';
import { t } from './strings.js';
import { venueId, venues } from './venues.js';

export function VenueBinding() {
  const venue = venues.value.find((v) => v.id === venueId.value);
  const notice = bindingNotice.value;
  return (
    <div class="venue-binding stack-tight">
      {notice?.kind === 'bound' && (
        <p class="chip chip-ok" role="status" data-testid="bind-notice">
          {t('bind.bound', { venue: notice.venue.name })}
        </p>
      )}
      {notice?.kind === 'left' && (
        <p class="chip chip-ok" role="status" data-testid="bind-notice">
          {t('bind.left', { venue: notice.name })}
        </p>
      )}
      {notice?.kind === 'failed' && (
        <p class="error" role="alert" data-testid="bind-error">
          {errorText(notice.code)}
        </p>
      )}
      {binding.value && <p class="muted small">{t('bind.working')}</p>}
      <p class="muted small">
        {venue?.tag && <span data-testid="my-tag">{t('bind.yourTag', { tag: venue.tag })} </span>}
        {t('bind.howTo')}
      </p>
      {venue && (
        <button
          type="button"
          class="btn btn-link"
          data-testid="leave-venue"
          disabled={binding.value}
          onClick={() => {
            if (window.confirm(t('bind.leaveConfirm', { venue: venue.name }))) void leaveVenue(venue);
          }}
        >
          {t('bind.leave')}
        </button>
      )}
    </div>
  );
}
