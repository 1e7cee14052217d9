// Keeps the screen on while `active` (a code is on screen, the gate scans): the Screen Wake Lock
// API where the browser has it. The lock is dropped by the browser when the page is hidden, so it
// is asked for again when the page comes back into view. Without the API nothing happens.

import { useEffect } from 'preact/hooks';

interface WakeLockSentinelLike {
  release(): Promise<void>;
}
interface WakeLockLike {
  request(type: 'screen'): Promise<WakeLockSentinelLike>;
}

export function useWakeLock(active: boolean): void {
  useEffect(() => {
    const wakeLock = (navigator as Navigator & { wakeLock?: WakeLockLike }).wakeLock;
    if (!active || !wakeLock) return;
    let lock: WakeLockSentinelLike | undefined;
    let stopped = false;
    const acquire = () => {
      if (document.visibilityState !== 'visible') return;
      wakeLock.request('screen').then(
        (l) => {
          if (stopped) void l.release().catch(() => undefined);
          else lock = l;
        },
        () => undefined, // refused (battery saver, no user gesture yet): the screen may dim, nothing breaks
      );
    };
    acquire();
    document.addEventListener('visibilitychange', acquire);
    return () => {
      stopped = true;
      document.removeEventListener('visibilitychange', acquire);
      void lock?.release().catch(() => undefined);
    };
  }, [active]);
}
