// Gate settings, behind a summary that looks like what it is (an icon, what is inside, a chevron):
// which camera to use, speaking verdicts aloud, adding the app to the home screen — and, set apart
// at the end, signing out (records stay in the outbox: they belong to the device until uploaded).
// The fever threshold is not here: it is the venue's, set by its manager.

import type { Signal } from '@preact/signals';
import { useSignal } from '@preact/signals';
import { canInstall, install, installed } from '../../app/install.js';
import { persistStatus } from '../../app/persist.js';
import { signOut } from '../../app/session.js';
import { SignOutButton } from '../../ui/SignOutButton.js';
import { cameras } from './camera.js';
import { canSpeak, prefs, setSpeak } from './prefs.js';
import { t } from './strings.js';

export function InstallButton() {
  if (installed.value) return <p class="muted small">{t('gate.installed')}</p>;
  if (!canInstall.value) return null;
  return (
    <div class="install">
      <button type="button" class="btn btn-block" data-testid="install-app" onClick={() => void install()}>
        {t('gate.install')}
      </button>
      <p class="muted small">{t('gate.installHint')}</p>
    </div>
  );
}

export function GateSettings({ cameraId }: { cameraId: Signal<string | undefined> }) {
  const list = useSignal<{ id: string; label: string }[] | null>(null);
  const speechAvailable = canSpeak();
  return (
    <details
      class="card settings"
      data-testid="gate-settings"
      onToggle={(e) => {
        // Listing cameras may ask for permission: only when the inspector opens the settings.
        if ((e.currentTarget as HTMLDetailsElement).open && list.value === null) {
          cameras().then(
            (c) => (list.value = c),
            () => (list.value = []),
          );
        }
      }}
    >
      <summary>
        <span class="settings-icon" aria-hidden="true">
          ⚙
        </span>
        <span class="settings-words">
          <span class="settings-title">{t('gate.settings')}</span>
          <span class="muted small">{t('gate.settingsHint')}</span>
        </span>
        <span class="chevron" aria-hidden="true" />
      </summary>
      <div class="settings-body">
        {list.value && list.value.length > 1 && (
          <label class="field">
            <span>{t('gate.cameraPick')}</span>
            <select value={cameraId.value ?? ''} onChange={(e) => (cameraId.value = e.currentTarget.value || undefined)}>
              <option value="">—</option>
              {list.value.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.label}
                </option>
              ))}
            </select>
          </label>
        )}
        <label class="check">
          <input type="checkbox" data-testid="speak-toggle" checked={prefs.value.speak && speechAvailable} disabled={!speechAvailable} onChange={(e) => setSpeak(e.currentTarget.checked)} />
          <span>
            {t('gate.speak')}
            {!speechAvailable && <span class="muted small block">{t('gate.speakUnavailable')}</span>}
          </span>
        </label>
        {/* Where storage is not persistent, the status section offers it already. */}
        {persistStatus.value === 'granted' && <InstallButton />}
        <div class="sign-out-zone">
          <SignOutButton onClick={() => void signOut()} />
          <p class="muted small">{t('gate.signOutHint')}</p>
        </div>
      </div>
    </details>
  );
}
