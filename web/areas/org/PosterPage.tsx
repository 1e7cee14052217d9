// /org/poster: the join code as a poster to print and put up (or hand out): the organisation's name,
// a large QR of the join link and the code as text (ui/Poster.tsx).

import { useEffect } from 'preact/hooks';
import { Poster } from '../../ui/Poster.js';
import { joinLink } from './OrgPage.js';
import { loadOrg, org } from './state.js';
import { t } from './strings.js';

export default function PosterPage() {
  useEffect(() => {
    if (org.value === undefined) void loadOrg();
  }, []);
  const current = org.value;
  return (
    <Poster
      testId="org-poster"
      backHref="/org"
      texts={{ loading: t('org.loading'), title: t('poster.title'), none: t('poster.noOrg'), back: t('poster.back'), print: t('poster.print'), scan: t('poster.scan') }}
      data={current && { name: current.name, qrText: joinLink(current.joinCode), qrLabel: t('org.qrLabel', { code: current.joinCode }), code: current.joinCode, area: current.areaLabel }}
    />
  );
}
