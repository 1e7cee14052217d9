// For roles whose work happens in the back office (managers, organisation and authority admins):
// who you are, and sign out. Later issues grow this area into venue/, org/ and admin/ beside it.

import { me, signOut } from '../../app/session.js';
import { SignOutButton } from '../../ui/SignOutButton.js';
import { t } from './strings.js';

export default function HomePage() {
  const user = me.value;
  return (
    <section class="card stack" data-testid="staff-home">
      <h1>{t('home.title')}</h1>
      {user && <p>{t('home.role', { role: t(`role.${user.role}`) })}</p>}
      <p class="muted">{t('home.noPage')}</p>
      {user?.role === 'manager' && (
        <a class="btn btn-primary" href="/dashboard" data-testid="open-dashboard">
          {t('home.dashboard')}
        </a>
      )}
      <SignOutButton class="btn" onClick={() => void signOut()} />
    </section>
  );
}
