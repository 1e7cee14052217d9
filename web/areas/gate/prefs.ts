// The inspector's own gate settings, kept on this phone: sound on or off (a mute switch for quiet
// places) and whether verdicts are spoken aloud (for noisy gates where nobody looks at the screen).

import { effect, signal } from '@preact/signals';

const KEY = 'hg.gate.prefs';

export interface GatePrefs {
  muted: boolean;
  speak: boolean;
}

function load(): GatePrefs {
  try {
    const saved = JSON.parse(globalThis.localStorage?.getItem(KEY) ?? '{}') as Partial<GatePrefs>;
    return { muted: saved.muted === true, speak: saved.speak !== false };
  } catch {
    return { muted: false, speak: true };
  }
}

export const prefs = signal<GatePrefs>(load());

effect(() => {
  const value = JSON.stringify(prefs.value);
  try {
    globalThis.localStorage?.setItem(KEY, value);
  } catch {
    // Storage blocked: the setting holds for this visit.
  }
});

export function toggleMute(): void {
  prefs.value = { ...prefs.value, muted: !prefs.value.muted };
}

export function setSpeak(speak: boolean): void {
  prefs.value = { ...prefs.value, speak };
}

/** Whether this browser can speak at all (speech synthesis with a voice for the language is checked when speaking). */
export const canSpeak = (): boolean => typeof speechSynthesis !== 'undefined' && typeof SpeechSynthesisUtterance !== 'undefined';
