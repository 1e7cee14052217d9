// The trust list and the red list as the device holds them, for verifying codes offline.

import type { RedList } from '../../shared/redlist.js';
import type { TrustList } from '../../shared/trust.js';
import type { HgDb, RedListRow, TrustRow } from './db.js';

export async function heldTrustList(db: HgDb): Promise<TrustRow | undefined> {
  const row = await db.lists.get('trust');
  return row?.name === 'trust' ? row : undefined;
}

export async function saveTrustList(db: HgDb, list: TrustList, fetchedAt = Date.now()): Promise<void> {
  await db.lists.put({ name: 'trust', list, fetchedAt });
}

export async function heldRedList(db: HgDb): Promise<(RedList & { fetchedAt: number }) | undefined> {
  const row = await db.lists.get('redlist');
  if (row?.name !== 'redlist') return undefined;
  return { version: row.version, issuedAt: row.issuedAt, salt: row.salt, entries: new Set(row.entries), fetchedAt: row.fetchedAt };
}

export async function saveRedList(db: HgDb, list: RedList, fetchedAt = Date.now()): Promise<void> {
  const row: RedListRow = { name: 'redlist', version: list.version, issuedAt: list.issuedAt, salt: list.salt, entries: [...list.entries], fetchedAt };
  await db.lists.put(row);
}

/** The versions of the lists the device holds, for the authority's adoption count (null: none yet). */
export async function heldListVersions(db: HgDb): Promise<{ trust: number | null; redList: number | null }> {
  const [trust, red] = await Promise.all([db.lists.get('trust'), db.lists.get('redlist')]);
  return { trust: trust?.name === 'trust' ? trust.list.version : null, redList: red?.name === 'redlist' ? red.version : null };
}
