// Navigation from state modules, which cannot use hooks: change the history entry, then tell the
// router. preact-iso's LocationProvider listens to `popstate` and reads the new location from it.

export function navigate(to: string, { replace = false } = {}): void {
  if (to === location.pathname + location.search) return;
  if (replace) history.replaceState(null, '', to);
  else history.pushState(null, '', to);
  dispatchEvent(new PopStateEvent('popstate'));
  window.scrollTo(0, 0);
}
