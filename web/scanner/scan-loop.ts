// Decodes camera frames as they arrive, one at a time, and reports each new code once.

import type { FrameReader } from './frame-reader.js';
import { RepeatFilter } from './repeat-filter.js';

export interface ScanLoop {
  stop(): void;
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
  let handle = 0;
  let notBefore = 0;

  // Each new video frame, where the browser can tell us (no decoding the same frame twice); else each paint.
  const schedule = () => {
    if (stopped) return;
    handle = perVideoFrame ? video.requestVideoFrameCallback(tick) : requestAnimationFrame(tick);
  };

  const tick = async () => {
    if (stopped) return;
    const now = performance.now();
    // Wait at least as long as the last frame took before the next: decoding is off the main
    // thread, but a slow phone's CPU (and battery) is not spent on every camera frame.
    if (now < notBefore) return schedule();
    try {
      const text = await reader.read(video);
      if (!stopped && text && repeats.accept(text, performance.now())) onText(text);
    } catch (e) {
      const error = e instanceof Error ? e : new Error(String(e));
      // The same failure on every frame is one problem, not thirty a second.
      if (!reported.has(error.message)) {
        reported.add(error.message);
        onError(error);
      }
    }
    notBefore = performance.now() + (performance.now() - now);
    schedule();
  };

  schedule();
  return {
    stop() {
      stopped = true;
      if (perVideoFrame) video.cancelVideoFrameCallback(handle);
      else cancelAnimationFrame(handle);
    },
  };
}
