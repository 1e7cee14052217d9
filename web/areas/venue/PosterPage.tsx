// /venue/poster: the declaration code as a poster to print and put up where inspectors start their
// shift — the venue's name, a large QR and the code as text (ui/Poster.tsx), with the address
// after the area.

import { useEffect } from 'preact/hooks';
import { Poster } from '../../ui/Poster.js';
import { loadVenue, venue } from './state.js';
import { t } from './strings.js';

export default function PosterPage() {
  useEffect(() => {
    if (venue.value === undefined) void loadVenue();
  }, []);
  const current = venue.value;
  return (
    <Poster
      testId="venue-poster"
      backHref="/venue"
      texts={{ loading: t('venue.loading'), title: t('poster.title'), none: t('poster.noVenue'), back: t('poster.back'), print: t('poster.print'), scan: t('poster.scan') }}
      data={
        current && {
          name: current.name,
          qrText: current.declarationCode,
          qrLabel: t('venue.qrLabel', { code: current.declarationCode }),
          code: current.declarationCode,
          area: current.areaLabel && (
            <>
              {current.areaLabel} {current.address}
            </>
          ),
        }
      }
    />
  );
}
