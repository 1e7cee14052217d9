// "Add to home screen" where the browser offers it: the install prompt arrives once, early, on any
// page, so it is caught here at start and kept until a page (the gate) shows its install button.
// Installed, the app gets its own window and, on iOS, keeps its storage (REFERENCES: Safari evicts sites').

import { signal } from '@preact/signals';

/** Chromium's BeforeInstallPromptEvent (not in the DOM typings). */
interface InstallPromptEvent extends Event {
  prompt(): Promise<void>;
  userChoice: Promise<{ outcome: 'accepted' | 'dismissed' }>;
}

export const canInstall = signal(false);
export const installed = signal(false);
let deferred: InstallPromptEvent | undefined;

export function watchInstallPrompt(): void {
  if (typeof window === 'undefined') return;
  installed.value = window.matchMedia?.('(display-mode: standalone)').matches ?? false;
  window.addEventListener('beforeinstallprompt', (e) => {
    e.preventDefault(); // the gate shows its own button instead of the browser's mini-bar
    deferred = e as InstallPromptEvent;
    canInstall.value = true;
  });
  window.addEventListener('appinstalled', () => {
    deferred = undefined;
    canInstall.value = false;
    installed.value = true;
  });
}

/** Shows the browser's install dialog; the prompt can be used once. */
export async function install(): Promise<boolean> {
  const prompt = deferred;
  if (!prompt) return false;
  deferred = undefined;
  canInstall.value = false;
  await prompt.prompt();
  return (await prompt.userChoice).outcome === 'accepted';
}
