// Decodes camera frames as they arrive, one at a time, and reports each new code once.

import type { FrameReader } from './frame-reader.js';
import { RepeatFilter } from './repeat-filter.js';

/**
 * At most ten frames a second: a code held up to the camera is read within a tenth of a second
 * either way, and a slow phone's main thread (frame snapshots, messages) and battery are not
 * spent on thirty — measured, the loop at full rate slowed the gate's verdicts (bench: with the
 * camera on vs off).
 */
export const MIN_FRAME_INTERVAL_MS = 100;

export interface ScanLoop {
  stop(): void;
  /** Decode no frames until resume(): the camera keeps playing, the main thread is left to the page. */
  pause(): void;
  resume(): void;
}

export function runScanLoop(
  video: HTMLVideoElement,
  reader: FrameReader,
  onText: (text: string) => void,
  onError: (e: Error) => void,
): ScanLoop {
  // Older Safari and Firefox < 132 have no requestVideoFrameCallback.
  const perVideoFrame = 'requestVideoFrameCallback' in HTMLVideoElement.prototype;
  const repeats = new RepeatFilter(3000);
  const reported = new Set<string>();
  let stopped = false;
  let paused = false;
  /** A frame is scheduled or being decoded: the loop is alive, and resume() must not start a second one. */
  let scheduled = false;
  let decoding = false;
  let handle = 0;
  let notBefore = 0;

  // Each new video frame, where the browser can tell us (no decoding the same frame twice); else each paint.
  const schedule = () => {
    scheduled = false;
    if (stopped || paused) return;
    scheduled = true;
    handle = perVideoFrame ? video.requestVideoFrameCallback(tick) : requestAnimationFrame(tick);
  };

  const tick = async () => {
    scheduled = false;
    if (stopped || paused) return;
    const now = performance.now();
    // Wait at least as long as the last frame took before the next, and MIN_FRAME_INTERVAL_MS:
    // decoding is off the main thread, but a slow phone's CPU (and battery) is not spent on every frame.
    if (now < notBefore) return schedule();
    decoding = true;
    try {
      const text = await reader.read(video);
      if (!stopped && !paused && text && repeats.accept(text, performance.now())) onText(text);
    } catch (e) {
      const error = e instanceof Error ? e : new Error(String(e));
      // The same failure on every frame is one problem, not thirty a second.
      if (!reported.has(error.message)) {
        reported.add(error.message);
        onError(error);
      }
    } finally {
      decoding = false;
    }
    const end = performance.now();
    notBefore = Math.max(end + (end - now), now + MIN_FRAME_INTERVAL_MS);
    schedule();
  };

  const cancel = () => {
    if (perVideoFrame) video.cancelVideoFrameCallback(handle);
    else cancelAnimationFrame(handle);
    scheduled = false;
  };

  schedule();
  return {
    stop() {
      stopped = true;
      cancel();
    },
    pause() {
      paused = true;
      cancel();
    },
    resume() {
      if (!paused) return;
      paused = false;
      // A frame still decoding when paused comes back through tick(), which schedules the next.
      if (!scheduled && !decoding) schedule();
    },
  };
}
