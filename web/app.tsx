// The app shell and its routes (preact-iso): /signin, /code (holder), /gate (inspector), /home
// (other roles), and / or any unknown path sends each person to their page. Every area's pages load
// lazily, with the area's strings in the current language, so the holder never downloads the gate.

import { Component, type ComponentChildren, type ComponentType } from 'preact';
import { useEffect } from 'preact/hooks';
import { useSignal } from '@preact/signals';
import { lazy, LocationProvider, Route, Router, useLocation } from 'preact-iso';
import type { Role } from '../shared/roles.js';
import { codePage } from './areas/holder/landing.js';
import { navigate } from './app/navigation.js';
import { peekReturn, rememberReturn, takeReturn } from './app/return-to.js';
import { offline, onResume } from './app/network.js';
import { homeFor, me, sessionExpired } from './app/session.js';
import { applyUpdate, dismissUpdate, showUpdatePrompt } from './app/update.js';
import { hasText, lang, loadStrings, t } from './i18n/index.js';
import { LangSwitch } from './ui/LangSwitch.js';
import { UpdatePrompt } from './ui/UpdatePrompt.js';

function LoadFailed() {
  return <p class="page-loading">{t('error.network')}</p>;
}

/**
 * A page in its own chunk. Once its module (and so its area's string table) is in, the tables are
 * loaded in the current language before it renders. A failed download shows the network error.
 * `strings`: the area's string module, imported beside the page so its table (loaded as the module
 * defines it) is on its way while the page's chunks load rather than after them.
 */
type Page = ComponentType & { preload: () => Promise<ComponentType> };
function page(load: () => Promise<{ default: ComponentType }>, strings?: () => Promise<unknown>): Page {
  return lazy(() =>
    Promise.all([load(), strings?.()])
      .then(async ([m]) => {
        await loadStrings(lang.value);
        return m;
      })
      .catch(() => ({ default: LoadFailed })),
  );
}

/**
 * `role` limits a route to one role; the rest of the signed-in go to their own page. Staff areas
 * (staff/ today; venue/, org/, admin/ later) are built into assets/staff/, which the gate's service
 * worker does not precache (vite.config.ts).
 */
const ROUTES: readonly { path: string; role?: Role; /** Other roles that may open it too (a manager works a gate). */ alsoFor?: readonly Role[]; public?: true; page: Page }[] = [
  { path: '/signin', page: page(() => import('./areas/signin/SignInPage.js')) },
  // A traveller's first use (from the border's link or QR) and the personal link texted afterwards.
  { path: '/travel', public: true, page: page(() => import('./areas/traveller/SignUpPage.js')) },
  { path: '/travel/return', public: true, page: page(() => import('./areas/traveller/ReturnPage.js')) },
  // A resident whose phone has no account yet: the identity check, the SMS code, then the code.
  { path: '/register', public: true, page: page(() => import('./areas/traveller/RegisterPage.js')) },
  // The code page is the one opened offline at a gate: its strings do not wait for its chunks.
  { path: '/code', role: 'holder', page: page(codePage, () => import('./areas/holder/strings.js')) },
  { path: '/family', role: 'holder', page: page(() => import('./areas/holder/FamilyPage.js')) },
  { path: '/print', role: 'holder', page: page(() => import('./areas/holder/PrintPage.js')) },
  // A resident who signed in by phone binds their own ID card or permit first (issue 7 §2).
  { path: '/identity', role: 'holder', page: page(() => import('./areas/holder/IdentityPage.js')) },
  { path: '/gate', role: 'inspector', alsoFor: ['manager'], page: page(() => import('./areas/gate/GatePage.js')) },
  { path: '/home', page: page(() => import('./areas/staff/HomePage.js')) },
  { path: '/account', page: page(() => import('./areas/account/AccountPage.js')) },
  { path: '/dashboard', role: 'manager', page: page(() => import('./areas/dashboard/DashboardPage.js')) },
  { path: '/records', role: 'holder', page: page(() => import('./areas/records/RecordsPage.js')) },
  { path: '/checkin', role: 'holder', page: page(() => import('./areas/checkin/CheckinPage.js')) },
  { path: '/venue', role: 'manager', page: page(() => import('./areas/venue/VenuePage.js')) },
  { path: '/venue/members', role: 'manager', page: page(() => import('./areas/venue/MembersPage.js')) },
  { path: '/venue/poster', role: 'manager', page: page(() => import('./areas/venue/PosterPage.js')) },
  { path: '/admin', role: 'admin', page: page(() => import('./areas/admin/AdminPage.js')) },
  { path: '/declare', role: 'holder', page: page(() => import('./areas/declare/DeclarePage.js')) },
  // An organisation's join link (its QR): /join#HGO1:… opens the declaration page with the code filled in.
  { path: '/join', role: 'holder', page: page(() => import('./areas/declare/DeclarePage.js')) },
  { path: '/org', role: 'org-admin', page: page(() => import('./areas/org/OrgPage.js')) },
  { path: '/org/poster', role: 'org-admin', page: page(() => import('./areas/org/PosterPage.js')) },
];

/** Where the current path should go instead, or undefined to stay. */
function redirectFor(path: string): string | undefined {
  const user = me.value;
  if (user === undefined) return undefined;
  // Signed in while on the sign-in page: the device's storage was cleared but the cookie still
  // holds a session (/api/me answered), so the person goes on without a new SMS code.
  // Signing in ends here too: the person goes back to the link they opened first, if any — unless
  // they must bind their identity first (a check-in needs it).
  if (path === '/signin') {
    if (!user || sessionExpired.value) return undefined;
    const home = homeFor(user);
    return home === '/identity' ? home : (peekReturn() ?? home);
  }
  const route = ROUTES.find((r) => r.path === path);
  // Pages for the signed-out; someone signed in goes to their own page instead.
  if (route?.public) return user ? homeFor(user) : undefined;
  if (!user) return '/signin';
  if (!route || (route.role && route.role !== user.role && !route.alsoFor?.includes(user.role))) return homeFor(user);
  return undefined;
}

/**
 * Starts loading the page this address shows (its chunk and its strings) alongside the shell's own
 * start rather than after it: at start for the address itself, and again once the device has said
 * who is signed in, for the page they are sent to instead. Resolves when that page is ready to render.
 */
export function preloadLanding(): Promise<unknown> {
  const target = redirectFor(location.pathname) ?? location.pathname;
  return ROUTES.find((r) => r.path === target)?.page.preload() ?? Promise.resolve();
}

/** A page that throws shows an error instead of taking the whole shell down with it. */
class PageBoundary extends Component<{ children: ComponentChildren }, { failed: boolean }> {
  override state = { failed: false };
  override componentDidCatch(error: unknown): void {
    console.error(error);
    this.setState({ failed: true });
  }
  override render() {
    return this.state.failed ? <p class="error">{t('error.unknown')}</p> : this.props.children;
  }
}

/** The routes, saying "loading" while a page's chunk and strings are on their way. */
function Routes() {
  const loading = useSignal(false);
  return (
    <>
      {loading.value && <p class="page-loading">{t('app.loading')}</p>}
      <Router onLoadStart={() => (loading.value = true)} onLoadEnd={() => (loading.value = false)}>
        {ROUTES.map((r) => (
          <Route key={r.path} path={r.path} component={r.page} />
        ))}
      </Router>
    </>
  );
}

/** Links between a person's own pages; not on the gate, where the screen belongs to the verdict. */
function AppNav({ path }: { path: string }) {
  const user = me.value;
  if (!user || path === '/gate' || path === '/signin') return null;
  type NavKey = 'nav.code' | 'nav.home' | 'nav.records' | 'nav.declare' | 'nav.account';
  const own: [string, NavKey][] = user.role === 'holder' ? [['/code', 'nav.code'], ['/declare', 'nav.declare'], ['/records', 'nav.records']] : [[homeFor(user), 'nav.home']];
  const links: [string, NavKey][] = [...own, ['/account', 'nav.account']];
  return (
    <nav class="app-nav" aria-label={t('nav.label')}>
      {links.map(([href, key]) => (
        <a key={href} href={href} aria-current={path === href ? 'page' : undefined}>
          {t(key)}
        </a>
      ))}
    </nav>
  );
}

function Shell() {
  const { path } = useLocation();
  const target = redirectFor(path);
  useEffect(() => {
    if (!target) return;
    // A signed-out person sent to sign in comes back to the link they opened (a check-in, say);
    // leaving the sign-in page signed in uses that destination up.
    if (target === '/signin' && me.value === null) rememberReturn(location.pathname + location.search + location.hash);
    if (path === '/signin') takeReturn();
    navigate(target, { replace: true });
  }, [target, path]);
  const ready = me.value !== undefined && !target;
  // Displays of the holder's code (亮码) are noted by the code page once its code is on screen; the
  // ones that could not be reported go when the page is back online.
  const holderId = me.value?.role === 'holder' ? me.value.id : undefined;
  useEffect(() => (holderId ? onResume(() => void import('./app/displays.js').then((m) => m.flushDisplays(holderId), () => undefined)) : undefined), [holderId]);
  // Each page its own title, in the current language (the gate adds the verdict on screen to it).
  const titleKey = `title.${path}`;
  const title = hasText(titleKey) ? t(titleKey) : t('app.name');
  useEffect(() => {
    document.title = title;
  }, [title]);
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
      <AppNav path={path} />
      {showUpdatePrompt.value && <UpdatePrompt onUpdate={applyUpdate} onLater={dismissUpdate} />}
      {sessionExpired.value && path !== '/signin' && (
        <div class="banner banner-warn" role="alert">
          <span>{t('session.expired')}</span>
          <button type="button" class="btn btn-small" onClick={() => navigate('/signin')}>
            {t('session.signInAgain')}
          </button>
        </div>
      )}
      <main class="content">
        {ready ? (
          // Keyed by path: a page that failed does not take the next one down with it.
          <PageBoundary key={path}>
            <Routes />
          </PageBoundary>
        ) : (
          <p class="page-loading">{t('app.loading')}</p>
        )}
      </main>
    </div>
  );
}

export function App() {
  return (
    <LocationProvider>
      <Shell />
    </LocationProvider>
  );
}
