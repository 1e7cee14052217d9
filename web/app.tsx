// The app shell and its router: /signin, /code (holder), /gate (inspector), /home (other roles),
// and / sends each person to their page. Pages load lazily, so the holder never downloads the gate.

import type { ComponentType } from 'preact';
import { useEffect } from 'preact/hooks';
import { signal } from '@preact/signals';
import { t } from './i18n/index.js';
import { path, navigate } from './state/router.js';
import { homeFor, me, sessionExpired } from './state/session.js';
import { offline } from './state/network.js';
import { LangSwitch } from './ui/LangSwitch.js';
import { UpdatePrompt } from './ui/UpdatePrompt.js';
import { HomePage } from './pages/home/HomePage.js';

type Loader = () => Promise<{ default: ComponentType }>;

/** A page in its own chunk: fetched on first render, then kept. */
function lazyPage(load: Loader): ComponentType {
  const loaded = signal<ComponentType | null>(null);
  const failed = signal(false);
  let started = false;
  return function LazyPage() {
    if (!started) {
      started = true;
      load().then(
        (m) => (loaded.value = m.default),
        () => (failed.value = true),
      );
    }
    const Page = loaded.value;
    if (Page) return <Page />;
    return <p class="page-loading">{failed.value ? t('error.network') : t('app.loading')}</p>;
  };
}

const SignInPage = lazyPage(() => import('./pages/signin/SignInPage.js'));
const CodePage = lazyPage(() => import('./pages/code/CodePage.js'));
const GatePage = lazyPage(() => import('./pages/gate/GatePage.js'));

const ROUTES: Record<string, { page: ComponentType; role?: 'holder' | 'inspector' }> = {
  '/signin': { page: SignInPage },
  '/code': { page: CodePage, role: 'holder' },
  '/gate': { page: GatePage, role: 'inspector' },
  '/home': { page: HomePage },
};

/** Where the current path should go instead, or undefined to stay. */
function redirectFor(current: string): string | undefined {
  const user = me.value;
  if (user === undefined) return undefined;
  if (current === '/signin') return undefined;
  const route = ROUTES[current];
  if (!user) return '/signin';
  if (!route || (route.role && route.role !== user.role)) return homeFor(user);
  return undefined;
}

export function App() {
  const current = path.value;
  const target = redirectFor(current);
  useEffect(() => {
    if (target) navigate(target, { replace: true });
  }, [target]);

  const route = ROUTES[current];
  const Page = me.value === undefined || target || !route ? null : route.page;
  return (
    <div class="app">
      <header class="topbar">
        <span class="brand">{t('app.name')}</span>
        {offline.value && (
          <span class="chip chip-offline" data-testid="offline-indicator">
            {t('app.offline')}
          </span>
        )}
        <LangSwitch />
      </header>
      <UpdatePrompt />
      {sessionExpired.value && current !== '/signin' && (
        <div class="banner banner-warn" role="alert">
          <span>{t('session.expired')}</span>
          <button type="button" class="btn btn-small" onClick={() => navigate('/signin')}>
            {t('session.signInAgain')}
          </button>
        </div>
      )}
      <main class="content">{Page ? <Page /> : <p class="page-loading">{t('app.loading')}</p>}</main>
    </div>
  );
}
