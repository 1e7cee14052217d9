// For roles whose work happens in the back office (managers, admins): who you are, and sign out.

import { t } from '../../i18n/index.js';
import { me, signOut } from '../../state/session.js';

export function HomePage() {
  const user = me.value;
  return (
    <section class="card stack">
      <h1>{t('home.title')}</h1>
      {user && <p>{t('home.role', { role: t(`role.${user.role}`) })}</p>}
      <p class="muted">{t('home.noPage')}</p>
      <button type="button" class="btn" data-testid="sign-out" onClick={() => void signOut()}>
        {t('signOut')}
      </button>
    </section>
  );
}
