// What the inspector feels and hears with a verdict, so a glance is not needed: green is one short
// high beep and a tap; a replay (screenshot) is three quick mid beeps; anything else is two low
// beeps and a long buzz. Where the browser can, the verdict is also spoken in the chosen language.
// The mute switch silences beeps and speech; vibration stays (it is silent).

import { lang } from '../../i18n/index.js';
import { canSpeak, prefs } from './prefs.js';
import type { Tone } from './verdicts.js';

let audio: AudioContext | undefined;

function beep(ctx: AudioContext, at: number, freq: number, ms: number): void {
  const osc = ctx.createOscillator();
  const gain = ctx.createGain();
  osc.type = 'square';
  osc.frequency.value = freq;
  gain.gain.setValueAtTime(0.0001, at);
  gain.gain.exponentialRampToValueAtTime(0.2, at + 0.01);
  gain.gain.exponentialRampToValueAtTime(0.0001, at + ms / 1000);
  osc.connect(gain).connect(ctx.destination);
  osc.start(at);
  osc.stop(at + ms / 1000 + 0.02);
}

/** [frequency Hz, start s, length ms] per tone. */
const SOUNDS: Record<Tone, [number, number, number][]> = {
  green: [[1320, 0, 120]],
  replay: [
    [660, 0, 90],
    [660, 0.15, 90],
    [660, 0.3, 90],
  ],
  amber: [
    [330, 0, 180],
    [330, 0.26, 180],
  ],
  red: [
    [330, 0, 180],
    [330, 0.26, 180],
  ],
};
const VIBRATION: Record<Tone, number | number[]> = { green: 60, replay: [80, 60, 80, 60, 80], amber: [200, 80, 200], red: [200, 80, 200] };

function speak(text: string): void {
  if (!prefs.value.speak || !canSpeak()) return;
  try {
    speechSynthesis.cancel(); // the previous person's verdict is old news
    const utterance = new SpeechSynthesisUtterance(text);
    utterance.lang = lang.value;
    utterance.rate = 1.1;
    speechSynthesis.speak(utterance);
  } catch {
    // No voice for the language: the beeps and the screen still say it.
  }
}

export function verdictFeedback(tone: Tone, spoken: string): void {
  try {
    navigator.vibrate?.(VIBRATION[tone]);
  } catch {
    // Vibration is a nicety; some browsers throw without a user gesture.
  }
  if (prefs.value.muted) return;
  try {
    audio ??= new AudioContext();
    if (audio.state === 'suspended') void audio.resume();
    const t = audio.currentTime;
    for (const [freq, at, ms] of SOUNDS[tone]) beep(audio, t + at, freq, ms);
  } catch {
    // No audio device: the colour and words still say it.
  }
  // After the beep, so the two do not talk over each other.
  setTimeout(() => speak(spoken), tone === 'green' ? 150 : 450);
}
