// The person's account: the devices signed in to it; for holders also the bound phone, the data
// export and deleting the account.

import { ControlSection } from './ControlSection.js';
import { DevicesSection } from './DevicesSection.js';
import { me } from '../../app/session.js';
import { t } from './strings.js';

export default function AccountPage() {
  return (
    <div class="account-page stack" data-testid="account-page">
      <h1>{t('account.title')}</h1>
      <DevicesSection />
      {me.value?.role === 'holder' && <ControlSection />}
    </div>
  );
}
