// Refreshing the trust list and the red list while online. Both arrive as envelopes signed by a
// trust root built into the app; a list is stored only after its signature checks out, a trust list
// never rolls back or revives a withdrawn key, and a red list that does not add up is refetched whole.

import { listsApi } from '../../shared/api/lists.js';
import { openEnvelope } from '../../shared/envelope.js';
import { applyRedList, RedListSchema, type RedList } from '../../shared/redlist.js';
import { acceptTrustList, TrustListSchema, type TrustList } from '../../shared/trust.js';
import type { HgDb } from '../db/db.js';
import { heldRedList, heldTrustList, saveRedList, saveTrustList } from '../db/lists.js';
import { call, type FetchLike } from '../http.js';

export interface ListRefreshOptions {
  db: HgDb;
  roots: readonly JsonWebKey[];
  fetch?: FetchLike;
  now?: () => number;
  timeoutMs?: number;
}

export class RedListIncompleteError extends Error {
  override name = 'RedListIncompleteError';
}

/** Fetches, checks and stores the trust list; throws (and keeps the held list) on any doubt. */
export async function refreshTrustList(o: ListRefreshOptions): Promise<TrustList> {
  const envelope = await call(listsApi.trust, { fetch: o.fetch, timeoutMs: o.timeoutMs });
  const incoming = await openEnvelope(envelope, o.roots, TrustListSchema);
  const held = await heldTrustList(o.db);
  // Throws TrustRollbackError for an older version; keeps withdrawn keys withdrawn.
  const next = acceptTrustList(held?.list, incoming);
  await saveTrustList(o.db, next, (o.now ?? Date.now)());
  return next;
}

async function fetchRedList(o: ListRefreshOptions, since?: number) {
  const query = since === undefined ? {} : { since: String(since) };
  const envelope = await call(listsApi.redList, { query, fetch: o.fetch, timeoutMs: o.timeoutMs });
  return openEnvelope(envelope, o.roots, RedListSchema);
}

/**
 * Asks for the delta since the held version; when the result cannot be trusted to be the whole
 * list (another base, a total that does not match), fetches the snapshot instead.
 */
export async function refreshRedList(o: ListRefreshOptions): Promise<RedList> {
  const held = await heldRedList(o.db);
  let next = applyRedList(held, await fetchRedList(o, held?.version));
  if (!next) next = applyRedList(undefined, await fetchRedList(o));
  if (!next) throw new RedListIncompleteError('the red list snapshot does not match its own total');
  // A replayed old answer must not undo newer entries.
  if (held && (next.version < held.version || (next.version === held.version && next.issuedAt < held.issuedAt))) return held;
  await saveRedList(o.db, next, (o.now ?? Date.now)());
  return next;
}
