// A visitor's check-in: the code from the link is checked on this phone first (signature by a key
// of the trust list, today's day at the venue), then sent under the visitor's identity — or queued
// on the phone when there is no network, and sent when the page opens again or the network returns.

import { signal } from '@preact/signals';
import { checkinApi } from '../../../shared/api/checkin.js';
import { codeFromLink, verifyCheckinCode, type CheckinClaims, type CheckinRefusal } from '../../../shared/checkin.js';
import { localDay } from '../../../shared/time.js';
import { loadTrustStore, type TrustStore } from '../../../shared/trust.js';
import { uuidv7 } from '../../../shared/uuid.js';
import { appDb } from '../../db/db.js';
import { queueCheckin, queuedCheckins, unqueueCheckin } from '../../db/checkins.js';
import { heldTrustList } from '../../db/lists.js';
import { TRUST_ROOTS } from '../../env.js';
import { ApiError, call } from '../../http.js';
import { refreshTrustList } from '../../sync/lists.js';

export type CheckinState =
  | { kind: 'checking' }
  | { kind: 'no-code' }
  | { kind: 'refused'; reason: CheckinRefusal | 'server'; message?: string }
  | { kind: 'done'; id: string; claims: CheckinClaims; at: number; sent: boolean };

export const checkin = signal<CheckinState>({ kind: 'checking' });

async function trustStore(): Promise<TrustStore | undefined> {
  const db = appDb();
  try {
    return await loadTrustStore(await refreshTrustList({ db, roots: TRUST_ROOTS, timeoutMs: 8000 }));
  } catch {
    const held = await heldTrustList(db);
    return held ? loadTrustStore(held.list) : undefined;
  }
}

/** Checks the link's code and checks in; the page shows `checkin`. */
export async function checkIn(link: string): Promise<void> {
  checkin.value = { kind: 'checking' };
  const code = codeFromLink(link);
  if (!code) {
    checkin.value = { kind: 'no-code' };
    return;
  }
  const at = Date.now();
  const trust = await trustStore();
  const verdict = await verifyCheckinCode(code, trust, at);
  // A phone that has never held the trust list (first use, offline) cannot judge the signature: it
  // checks what it can (readable, today's) and leaves the signature to the server.
  const unjudged = !trust && !verdict.ok && verdict.reason === 'unknown-key' && verdict.claims !== undefined;
  if (!verdict.ok && !unjudged) {
    checkin.value = { kind: 'refused', reason: verdict.reason };
    return;
  }
  const claims = verdict.ok ? verdict.claims : verdict.claims!;
  if (unjudged && localDay(at, claims.timeZone) !== claims.day) {
    checkin.value = { kind: 'refused', reason: 'wrong-day' };
    return;
  }
  const entry = { id: uuidv7(at), code, capturedAt: at };
  // Saved first: a check-in the phone made is not lost to a failed request.
  await queueCheckin(appDb(), entry);
  checkin.value = { kind: 'done', id: entry.id, claims, at, sent: false };
  await sendQueued();
}

/** Sends every queued check-in; the one on screen shows when it is sent (or refused). */
export async function sendQueued(): Promise<void> {
  const db = appDb();
  for (const q of await queuedCheckins(db)) {
    const shown = checkin.value;
    const watch = shown.kind === 'done' ? shown.id : undefined;
    try {
      await call(checkinApi.record, { body: q, timeoutMs: 10_000 });
      await unqueueCheckin(db, q.id);
      if (q.id === watch && checkin.value.kind === 'done') checkin.value = { ...checkin.value, sent: true };
    } catch (e) {
      if (e instanceof ApiError && e.status < 500 && e.status !== 401 && e.status !== 429) {
        // Refused for good (the server judged the code): keeping it would only repeat the refusal.
        await unqueueCheckin(db, q.id);
        if (q.id === watch) checkin.value = { kind: 'refused', reason: 'server', message: e.message };
      } else return; // offline or signed out: try again later
    }
  }
}
