// After the frame in progress is drawn: work that must not delay what the page shows first (asking
// the server, loading Dexie) waits for it.

/** Resolves once the frame in progress has been drawn (or soon, where frames do not run: a hidden tab). */
export const afterPaint = (): Promise<void> =>
  new Promise((resolve) => {
    requestAnimationFrame(() => setTimeout(resolve, 0));
    setTimeout(resolve, 250);
  });
