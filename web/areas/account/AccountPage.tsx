// The person's account: the devices signed in to it; for holders also their bound identity document,
// the bound phone, the data export and deleting the account.

import { ControlSection } from './ControlSection.js';
import { DevicesSection } from './DevicesSection.js';
import { me } from '../../app/session.js';
import { t } from './strings.js';

/** A resident's bound identity, or the way to bind one (issue 7 §2). */
function IdentitySection({ maskedName }: { maskedName: string | null }) {
  return (
    <section class="stack" aria-labelledby="identity-title" data-testid="identity">
      <h2 id="identity-title">{t('identity.title')}</h2>
      {maskedName === null ? (
        <>
          <p>{t('identity.none')}</p>
          <a class="btn btn-primary" href="/identity" data-testid="identity-bind">
            {t('identity.bind')}
          </a>
        </>
      ) : (
        <p data-testid="identity-bound">{t('identity.bound', { name: maskedName })}</p>
      )}
    </section>
  );
}

export default function AccountPage() {
  const user = me.value;
  return (
    <div class="account-page stack" data-testid="account-page">
      <h1>{t('account.title')}</h1>
      {user?.role === 'holder' && <IdentitySection maskedName={user.maskedName} />}
      <DevicesSection />
      {user?.role === 'holder' && <ControlSection />}
    </div>
  );
}
