// Copies the current camera frame into ImageData, downscaled to at most 640 px wide: larger frames
// cost decode time without helping a code that fills a fair part of the view.

import { MAX_DECODE_WIDTH } from './frame-size.js';

export { MAX_DECODE_WIDTH };

export type FrameSource = HTMLVideoElement | HTMLCanvasElement | ImageBitmap;

function sizeOf(source: FrameSource): [number, number] {
  return source instanceof HTMLVideoElement ? [source.videoWidth, source.videoHeight] : [source.width, source.height];
}

export class FrameGrabber {
  readonly canvas = document.createElement('canvas');
  private readonly context: CanvasRenderingContext2D;

  constructor(private readonly maxWidth = MAX_DECODE_WIDTH) {
    // willReadFrequently keeps the canvas in CPU memory: every frame is read back.
    const context = this.canvas.getContext('2d', { willReadFrequently: true });
    if (!context) throw new Error('2D canvas unavailable');
    this.context = context;
  }

  /** The frame as ImageData, or null while the video has no frame yet. */
  grab(source: FrameSource): ImageData | null {
    const [w, h] = sizeOf(source);
    if (!w || !h) return null;
    const scale = Math.min(1, this.maxWidth / w);
    const width = Math.round(w * scale);
    const height = Math.round(h * scale);
    if (this.canvas.width !== width || this.canvas.height !== height) {
      this.canvas.width = width;
      this.canvas.height = height;
    }
    this.context.drawImage(source, 0, 0, width, height);
    return this.context.getImageData(0, 0, width, height);
  }
}
