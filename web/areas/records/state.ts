// The records page's state: the device's copy first (so the page works offline), then the
// server's answer, kept for next time. Code displays still queued on the phone are shown too. An
// account that looks after family members can show each member's records (their code displays
// included — the guardian's phone showed those codes).

import { signal } from '@preact/signals';
import { membersApi, type Member } from '../../../shared/api/members.js';
import { recordsApi } from '../../../shared/api/records.js';
import { flushDisplays } from '../../app/displays.js';
import { appDb, getMeta, setMeta } from '../../db/db.js';
import { cachedRecords, pendingDisplays, saveRecords, type CachedRecords, type PendingDisplay } from '../../db/records.js';
import { call, failureCode, type FailureCode } from '../../http.js';

export const records = signal<CachedRecords | null | undefined>(undefined);
export const queued = signal<PendingDisplay[]>([]);
export const recordsError = signal<{ code: FailureCode; retryAfterSec?: number } | null>(null);
export const recordsFetching = signal(false);
/** The account's own person and the members it looks after, as the code page keeps them. */
export const recordsMembers = signal<Member[]>([]);
/** Whose records are shown: a member's id, or null for the account's own. */
export const shownRecords = signal<string | null>(null);

/** The displays still on the phone that are this person's (no personId: the account's own). */
const theirs = (all: PendingDisplay[], memberId: string | null) => all.filter((d) => (d.personId ?? null) === memberId);

export async function loadRecords(userId: string, memberId: string | null = shownRecords.value): Promise<void> {
  const db = appDb();
  const shown = () => shownRecords.value === memberId;
  shownRecords.value = memberId;
  records.value = (await cachedRecords(db, userId, memberId)) ?? null;
  queued.value = theirs(await pendingDisplays(db, userId), memberId);
  recordsFetching.value = true;
  try {
    await flushDisplays(userId);
    const fresh = memberId ? await call(recordsApi.member, { params: { id: memberId } }) : await call(recordsApi.mine);
    const row = await saveRecords(db, userId, fresh, Date.now(), memberId);
    if (shown()) records.value = row;
    recordsError.value = null;
  } catch (e) {
    if (shown()) recordsError.value = failureCode(e);
  } finally {
    if (shown()) {
      queued.value = theirs(await pendingDisplays(db, userId), memberId);
      recordsFetching.value = false;
    }
  }
}

/** The members the phone holds (the code page keeps them), then the server's list. */
export async function loadRecordsMembers(userId: string): Promise<void> {
  const db = appDb();
  const held = await getMeta(db, `members:${userId}`).catch(() => undefined);
  if (held) recordsMembers.value = held;
  try {
    const { members } = await call(membersApi.members);
    recordsMembers.value = members;
    await setMeta(db, `members:${userId}`, members).catch(() => undefined);
  } catch {
    // Offline: the held list (or none) stays.
  }
}
