// Between people: the venue's sunflower check-in code (葵花码) for visitors with a normal temperature
// to scan with their own phone's camera. Shown on request, today's code, held on the phone.

import { useEffect } from 'preact/hooks';
import { Qr } from '../../ui/Qr.js';
import { checkinCodes, loadCheckinCodes, todaysCheckinLink } from './checkin-codes.js';
import { t } from './strings.js';
import { venueId } from './venues.js';

export function CheckinCode() {
  const id = venueId.value;
  useEffect(() => void loadCheckinCodes(), [id]);
  if (!id) return null;
  const link = todaysCheckinLink.value;
  return (
    <details class="card settings checkin-code" data-testid="checkin-code">
      <summary>
        <span class="settings-icon" aria-hidden="true">
          🌻
        </span>
        <span class="settings-words">
          <span class="settings-title">{t('checkin.show')}</span>
          <span class="muted small">{t('checkin.hint')}</span>
        </span>
        <span class="chevron" aria-hidden="true" />
      </summary>
      <div class="settings-body stack">
        {link ? (
          <>
            <div class="checkin-qr" data-testid="checkin-qr" data-link={link}>
              <Qr text={link} label={t('checkin.qrLabel')} />
            </div>
            <p class="muted small">{t('checkin.held', { n: checkinCodes.value.length })}</p>
          </>
        ) : (
          <p class="muted" data-testid="checkin-missing">
            {t('checkin.missing')}
          </p>
        )}
      </div>
    </details>
  );
}
