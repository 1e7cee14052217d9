// What the inspector feels and hears with a verdict: green is one short high beep and a tap; anything
// else is two low beeps and a long buzz, so a glance is not needed to tell them apart.

import type { VerdictKind } from '../../../shared/code/verify.js';

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

export function verdictFeedback(kind: VerdictKind): void {
  const green = kind === 'green';
  try {
    navigator.vibrate?.(green ? 60 : [200, 80, 200]);
  } catch {
    // Vibration is a nicety; some browsers throw without a user gesture.
  }
  try {
    audio ??= new AudioContext();
    if (audio.state === 'suspended') void audio.resume();
    const t = audio.currentTime;
    if (green) beep(audio, t, 1320, 120);
    else {
      beep(audio, t, 330, 180);
      beep(audio, t + 0.26, 330, 180);
    }
  } catch {
    // No audio device: the colour and words still say it.
  }
}
