// Gate settings: the fever threshold (37.3 °C unless the venue says otherwise), which camera to
// use, and signing out (records stay in the outbox: they belong to the device until uploaded).

import type { Signal } from '@preact/signals';
import { useSignal } from '@preact/signals';
import { DEFAULT_FEVER_THRESHOLD } from '../../../shared/records.js';
import { t } from '../../i18n/index.js';
import { feverThreshold, setFeverThreshold } from '../../state/prefs.js';
import { signOut } from '../../state/session.js';
import { cameras } from './camera.js';

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
      <label class="field">
        <span>{t('gate.feverThreshold')}</span>
        <input
          type="number"
          inputMode="decimal"
          step="0.1"
          min="35"
          max="40"
          value={feverThreshold.value.toFixed(1)}
          placeholder={DEFAULT_FEVER_THRESHOLD.toFixed(1)}
          onChange={(e) => setFeverThreshold(Number(e.currentTarget.value))}
        />
      </label>
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
      <button type="button" class="btn btn-block btn-quiet" data-testid="sign-out" onClick={() => void signOut()}>
        {t('signOut')}
      </button>
    </details>
  );
}
