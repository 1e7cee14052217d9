// "Sign out", the same words and test id on every page that offers it; what it does is the caller's.

import { t } from '../i18n/index.js';

export function SignOutButton({ onClick, class: className = 'btn btn-block btn-quiet' }: { onClick: () => void; class?: string }) {
  return (
    <button type="button" class={className} data-testid="sign-out" onClick={onClick}>
      {t('signOut')}
    </button>
  );
}
