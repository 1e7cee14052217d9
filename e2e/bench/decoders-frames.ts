// The benchmark's frame classes: seeded, degraded 640×480 frames of healthgate-sized codes (250
// characters of "HG1:" + Base45, QR version 11 at level Q), the same on every run.

import { seededRandom, type FrameOptions } from '../fixtures/qr-frames.js';

export interface FrameClass {
  id: string;
  label: string;
  /** False for frames with no code in them: there a read is a false positive. */
  hasCode: boolean;
  /** Frame settings for frame `i` of the class; `random` is seeded by class and index. */
  frame(random: () => number): Partial<FrameOptions>;
}

export const FRAMES_PER_CLASS = 20;

const between = (random: () => number, lo: number, hi: number) => lo + (hi - lo) * random();
const sign = (random: () => number) => (random() < 0.5 ? -1 : 1);
/** Somewhere near the middle, as a holder's phone is; sub-pixel so module edges fall anywhere. */
const placed = (random: () => number) => ({ offsetX: between(random, -40, 40), offsetY: between(random, -30, 30) });

export const FRAME_CLASSES: FrameClass[] = [
  { id: 'sharp-4', label: 'sharp, 4 px/module', hasCode: true, frame: (r) => ({ ...placed(r), pxPerModule: 4 }) },
  { id: 'sharp-3', label: 'sharp, 3 px/module', hasCode: true, frame: (r) => ({ ...placed(r), pxPerModule: 3 }) },
  { id: 'sharp-2.5', label: 'sharp, 2.5 px/module (small in frame)', hasCode: true, frame: (r) => ({ ...placed(r), pxPerModule: 2.5 }) },
  { id: 'blur', label: 'gaussian blur σ 1–1.5 px, 4 px/module', hasCode: true, frame: (r) => ({ ...placed(r), pxPerModule: 4, blurSigma: between(r, 1, 1.5) }) },
  { id: 'noise', label: 'noise σ 20 levels, 4 px/module', hasCode: true, frame: (r) => ({ ...placed(r), pxPerModule: 4, noiseSigma: 20 }) },
  { id: 'rotate', label: 'rotated 5–10°, 4 px/module', hasCode: true, frame: (r) => ({ ...placed(r), pxPerModule: 4, rotateDeg: sign(r) * between(r, 5, 10) }) },
  { id: 'tilt', label: 'perspective tilt ±10°, 4 px/module', hasCode: true, frame: (r) => ({ ...placed(r), pxPerModule: 4, tiltDeg: sign(r) * 10 }) },
  {
    id: 'low-contrast',
    label: 'low contrast (luma 90 vs 160), 4 px/module',
    hasCode: true,
    frame: (r) => ({ ...placed(r), pxPerModule: 4, dark: 90, light: 160, background: 150, noiseSigma: 3 }),
  },
  {
    id: 'camera-3',
    label: 'camera-like 3 px/module: blur 0.7, noise 8, ±5°, gray scene',
    hasCode: true,
    frame: (r) => ({ ...placed(r), pxPerModule: 3, blurSigma: 0.7, noiseSigma: 8, rotateDeg: between(r, -5, 5), dark: 30, light: 210, background: 110 }),
  },
  { id: 'no-code', label: 'no code, idle frame: gray scene, noise 8 (a read here is a false read)', hasCode: false, frame: () => ({ background: 110, noiseSigma: 8 }) },
];

/** The seed of frame `index` of a class: stable across runs, different across frames and classes. */
export function frameSeed(classId: string, index: number): number {
  let h = 2166136261;
  for (const ch of `${classId}#${index}`) h = Math.imul(h ^ ch.charCodeAt(0), 16777619);
  return h >>> 0;
}

export function frameRandom(classId: string, index: number): () => number {
  return seededRandom(frameSeed(classId, index));
}
