// Asks the browser to keep this site's storage (so the outbox is not evicted) and remembers the answer.

import { signal } from '@preact/signals';

export type PersistStatus = 'granted' | 'denied' | 'unsupported';
export const persistStatus = signal<PersistStatus | null>(null);

/** Inspectors call this at sign-in and when the gate opens; asking again is harmless. */
export async function requestPersist(): Promise<PersistStatus> {
  const storage = navigator.storage;
  if (!storage?.persist) return (persistStatus.value = 'unsupported');
  try {
    const granted = (await storage.persisted?.()) || (await storage.persist());
    return (persistStatus.value = granted ? 'granted' : 'denied');
  } catch {
    return (persistStatus.value = 'denied');
  }
}
