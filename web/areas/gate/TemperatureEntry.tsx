// Temperature with the thumb: common values one tap away, a compact keypad, and a plain field for a
// hardware keyboard. The venue's fever threshold is shown, and a value at or above it turns the
// field red. An error is shown under the field and tied to it (aria-describedby), in view.

import { isFever } from '../../../shared/records.js';
import { parseTemperature, pressKey, setTempText, tempText } from './state.js';
import { t, type GateKey } from './strings.js';
import { venueRules } from './venues.js';

const QUICK = [36.0, 36.2, 36.4, 36.5, 36.6, 36.8, 37.0, 37.2];
const KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '.', '0', 'back'] as const;

export function TemperatureEntry({ onSubmit, error }: { onSubmit: () => void; error: GateKey | null }) {
  const { feverThreshold } = venueRules.value;
  const value = parseTemperature(tempText.value);
  const fever = value !== null && isFever(value, feverThreshold);
  return (
    <div class="temp">
      <form
        class="temp-row"
        onSubmit={(e) => {
          e.preventDefault();
          onSubmit();
        }}
      >
        <label class="temp-field" for="temp-input">
          {t('temp.label')}
        </label>
        <input
          id="temp-input"
          data-testid="temp-input"
          class={fever ? 'is-fever' : ''}
          type="text"
          inputMode="decimal"
          autoComplete="off"
          enterKeyHint="done"
          maxLength={5}
          value={tempText.value}
          aria-invalid={error ? 'true' : undefined}
          aria-describedby={error ? 'temp-note temp-error' : 'temp-note'}
          onInput={(e) => setTempText(e.currentTarget.value)}
        />
        <p id="temp-note" class={`fever-note ${fever ? 'is-fever' : ''}`}>
          {fever ? <strong>{t('temp.fever')} · </strong> : null}
          {t('temp.feverAt', { t: feverThreshold.toFixed(1) })}
        </p>
        {error && (
          <p id="temp-error" class="field-error" role="alert" data-testid="temp-error">
            {t(error)}
          </p>
        )}
      </form>
      <div class="quick" role="group" aria-label={t('temp.quick')}>
        {QUICK.map((q) => (
          <button
            key={q}
            type="button"
            class={`btn quick-btn ${tempText.value === q.toFixed(1) ? 'is-on' : ''}`}
            aria-pressed={tempText.value === q.toFixed(1)}
            data-testid={`temp-quick-${q.toFixed(1)}`}
            onClick={() => setTempText(q.toFixed(1))}
          >
            {q.toFixed(1)}
          </button>
        ))}
      </div>
      <div class="keypad" role="group" aria-label={t('temp.keypad')}>
        {KEYS.map((k) => (
          <button
            key={k}
            type="button"
            class="btn key"
            data-testid={k === '.' ? 'key-dot' : k === 'back' ? 'key-back' : `key-${k}`}
            aria-label={k === '.' ? t('temp.dot') : k === 'back' ? t('temp.back') : undefined}
            onClick={() => pressKey(k)}
          >
            {k === 'back' ? '⌫' : k}
          </button>
        ))}
      </div>
    </div>
  );
}
