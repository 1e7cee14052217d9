// Sunflower check-in codes held on an inspector's phone (so the gate shows today's code offline),
// and a visitor's check-ins waiting for the network.

import { getMeta, setMeta, type HgDb, type QueuedCheckin } from './db.js';

export async function heldCheckinCodes(db: HgDb, venueId: string): Promise<{ day: string; code: string }[]> {
  return (await getMeta(db, `checkinCodes:${venueId}`)) ?? [];
}

export async function saveCheckinCodes(db: HgDb, venueId: string, codes: { day: string; code: string }[]): Promise<void> {
  await setMeta(db, `checkinCodes:${venueId}`, codes);
}

export async function queuedCheckins(db: HgDb): Promise<QueuedCheckin[]> {
  return (await getMeta(db, 'checkinQueue')) ?? [];
}

export async function queueCheckin(db: HgDb, checkin: QueuedCheckin): Promise<void> {
  await db.transaction('rw', db.meta, async () => {
    const queue = (await getMeta(db, 'checkinQueue')) ?? [];
    if (!queue.some((q) => q.id === checkin.id)) await setMeta(db, 'checkinQueue', [...queue, checkin]);
  });
}

/** Drops a check-in from the queue once the server answered for it (accepted, duplicate or refused). */
export async function unqueueCheckin(db: HgDb, id: string): Promise<void> {
  await db.transaction('rw', db.meta, async () => {
    const queue = (await getMeta(db, 'checkinQueue')) ?? [];
    await setMeta(db, 'checkinQueue', queue.filter((q) => q.id !== id));
  });
}
