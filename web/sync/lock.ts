// One uploader across tabs: the Web Locks API where it exists, an in-tab flag where it does not.

export type LockRunner = <T>(fn: () => Promise<T>) => Promise<{ ran: true; value: T } | { ran: false }>;

export const SYNC_LOCK = 'hg-sync';

let heldHere = false;

/** Runs fn only if no other tab (or caller) holds the sync lock right now; never waits for it. */
export const withSyncLock: LockRunner = async (fn) => {
  const locks = (globalThis.navigator as Navigator | undefined)?.locks;
  if (locks) {
    return locks.request(SYNC_LOCK, { ifAvailable: true }, async (lock) => {
      if (!lock) return { ran: false as const };
      return { ran: true as const, value: await fn() };
    });
  }
  if (heldHere) return { ran: false };
  heldHere = true;
  try {
    return { ran: true, value: await fn() };
  } finally {
    heldHere = false;
  }
};
