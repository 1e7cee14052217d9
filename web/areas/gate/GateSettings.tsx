// Gate settings: which camera to use, and signing out (records stay in the outbox: they belong to
// the device until uploaded). The fever threshold is not here: it is the venue's, set by its manager.

import type { Signal } from '@preact/signals';
import { useSignal } from '@preact/signals';
import { signOut } from '../../app/session.js';
import { SignOutButton } from '../../ui/SignOutButton.js';
import { cameras } from './camera.js';
import { t } from './strings.js';

export function GateSettings({ cameraId }: { cameraId: Signal<string | undefined> }) {
  const list = useSignal<{ id: string; label: string }[] | null>(null);
  return (
    <details
      class="card settings"
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
      <summary>{t('gate.settings')}</summary>
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
      <SignOutButton onClick={() => void signOut()} />
    </details>
  );
}
