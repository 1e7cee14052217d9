// One camera frame → the text of the code in it, the cheapest way this browser allows. With our
// worker and OffscreenCanvas, the page only snapshots the frame (createImageBitmap) and hands it
// over; the worker scales it, reads its pixels and decodes. Otherwise the page reads the pixels
// (FrameGrabber) and the decoder — the browser's own, or our worker — takes them from there.

import type { ChosenDetector } from './detector.js';
import { FrameGrabber, type FrameSource } from './frame-grabber.js';
import { WorkerQrDetector } from './worker-detector.js';

export interface FrameReader {
  /** How the page gets frames to the decoder: as bitmaps (no pixel read on the page) or as pixels. */
  readonly via: 'bitmap' | 'pixels';
  /** The text of the code in the frame, or null (no code, or no frame yet). */
  read(source: FrameSource): Promise<string | null>;
}

const hasFrame = (source: FrameSource) =>
  source instanceof HTMLVideoElement ? source.readyState >= HTMLMediaElement.HAVE_CURRENT_DATA && source.videoWidth > 0 : source.width > 0;

export function frameReader({ detector }: ChosenDetector): FrameReader {
  if (detector instanceof WorkerQrDetector && detector.readsBitmaps && typeof createImageBitmap === 'function') {
    return {
      via: 'bitmap',
      async read(source) {
        if (!hasFrame(source)) return null;
        return (await detector.detectBitmap(await createImageBitmap(source)))[0]?.rawValue ?? null;
      },
    };
  }
  const grabber = new FrameGrabber();
  return {
    via: 'pixels',
    async read(source) {
      const frame = grabber.grab(source);
      return frame ? ((await detector.detect(frame))[0]?.rawValue ?? null) : null;
    },
  };
}
