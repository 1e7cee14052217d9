// The person's account: the devices signed in to it. (Bound phone, export and deletion follow.)

import { DevicesSection } from './DevicesSection.js';
import { t } from './strings.js';

export default function AccountPage() {
  return (
    <div class="account-page stack" data-testid="account-page">
      <h1>{t('account.title')}</h1>
      <DevicesSection />
    </div>
  );
}
