// Keeps the screen on (a code is on screen): the Screen Wake Lock API where the browser has it.
// The browser drops the lock when the page is hidden, so it is asked for again when the page comes
// back into view. Without the API nothing happens. Returns the function that lets the screen sleep.
// Loaded after first paint (a dynamic import), so the code page's first JS does not carry it.

interface WakeLockSentinelLike {
  release(): Promise<void>;
}
interface WakeLockLike {
  request(type: 'screen'): Promise<WakeLockSentinelLike>;
}

export function keepScreenOn(): () => void {
  const wakeLock = (navigator as Navigator & { wakeLock?: WakeLockLike }).wakeLock;
  if (!wakeLock) return () => undefined;
  let lock: WakeLockSentinelLike | undefined;
  let stopped = false;
  const acquire = () => {
    if (document.visibilityState !== 'visible') return;
    wakeLock.request('screen').then(
      (l) => {
        if (stopped) void l.release().catch(() => undefined);
        else lock = l;
      },
      () => undefined, // refused (battery saver): the screen may dim, nothing breaks
    );
  };
  acquire();
  document.addEventListener('visibilitychange', acquire);
  return () => {
    stopped = true;
    document.removeEventListener('visibilitychange', acquire);
    void lock?.release().catch(() => undefined);
  };
}
