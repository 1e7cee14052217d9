// Store: red-list entries and the change log that deltas are cut from. A change's version is its
// autoincrement id; writers take a lock first (lockForWrite) so that, on PostgreSQL too, versions
// become visible in order and a delta "since N" can never skip a change committed late.

import { sql, type Kysely, type Selectable } from 'kysely';
import type { Database, RedListChangesTable } from './schema.js';

export type RedListChangeRow = Selectable<RedListChangesTable>;

/** Entries per statement in the bulk calls: four parameters each, far under either engine's limit. */
const ENTRIES_PER_STATEMENT = 500;

export class RedListRepo {
  constructor(protected readonly db: Kysely<Database>) {}

  /** Inside a transaction: holds the red-list write lock until commit (a row lock; SQLite writes are serial anyway). */
  async lockForWrite(): Promise<void> {
    await this.db
      .insertInto('settings')
      .values({ key: 'red_list_writes', value: '1' })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value: sql<string>`cast(cast(settings.value as integer) + 1 as text)` }))
      .execute();
  }

  /**
   * Adds the entry and logs the change; false (and no change logged) when it is already listed.
   * `expiresAt`: when every code it can catch has expired (null: kept until removed). Listing an
   * entry again keeps the later of the two expiries.
   */
  async add(entry: string, personId: string, at: number, expiresAt: number | null = null): Promise<boolean> {
    const exists = await this.db.selectFrom('red_list_entries').select(['entry', 'expires_at']).where('entry', '=', entry).executeTakeFirst();
    if (exists) {
      const held = exists.expires_at === null ? null : Number(exists.expires_at);
      if (held !== null && (expiresAt === null || expiresAt > held)) {
        await this.db.updateTable('red_list_entries').set({ expires_at: expiresAt }).where('entry', '=', entry).execute();
      }
      return false;
    }
    const change = await this.db.insertInto('red_list_changes').values({ entry, op: 'add', at }).returning('version').executeTakeFirstOrThrow();
    await this.db.insertInto('red_list_entries').values({ entry, person_id: personId, added_version: Number(change.version), expires_at: expiresAt }).execute();
    return true;
  }

  /**
   * add() for many entries in one go (a few statements per 500 instead of three per entry), in
   * their order; returns how many were newly listed. Used when an import turns thousands red.
   */
  async addMany(items: readonly { entry: string; personId: string; expiresAt: number | null }[], at: number): Promise<number> {
    let added = 0;
    for (let i = 0; i < items.length; i += ENTRIES_PER_STATEMENT) {
      const chunk = items.slice(i, i + ENTRIES_PER_STATEMENT);
      const held = new Map<string, number | null>();
      for (const r of await this.db.selectFrom('red_list_entries').select(['entry', 'expires_at']).where('entry', 'in', chunk.map((c) => c.entry)).execute()) {
        held.set(r.entry, r.expires_at === null ? null : Number(r.expires_at));
      }
      const fresh = new Map<string, { personId: string; expiresAt: number | null }>();
      const later = new Map<string, number | null>();
      for (const { entry, personId, expiresAt } of chunk) {
        const fresher = fresh.get(entry);
        // Listed already (before, or earlier in this call): keep the later expiry, as add() does.
        const current = fresher ? fresher.expiresAt : held.has(entry) ? held.get(entry)! : undefined;
        if (current === undefined) fresh.set(entry, { personId, expiresAt });
        else if (current !== null && (expiresAt === null || expiresAt > current)) {
          if (fresher) fresher.expiresAt = expiresAt;
          else {
            held.set(entry, expiresAt);
            later.set(entry, expiresAt);
          }
        }
      }
      for (const [entry, expiresAt] of later) await this.db.updateTable('red_list_entries').set({ expires_at: expiresAt }).where('entry', '=', entry).execute();
      if (fresh.size === 0) continue;
      const changes = await this.db
        .insertInto('red_list_changes')
        .values([...fresh.keys()].map((entry) => ({ entry, op: 'add' as const, at })))
        .returning(['version', 'entry'])
        .execute();
      const versionOf = new Map(changes.map((c) => [c.entry, Number(c.version)]));
      await this.db
        .insertInto('red_list_entries')
        .values([...fresh].map(([entry, f]) => ({ entry, person_id: f.personId, added_version: versionOf.get(entry)!, expires_at: f.expiresAt })))
        .execute();
      added += fresh.size;
    }
    return added;
  }

  /** remove() for many entries in one go; returns how many were listed (and are not any more). */
  async removeMany(entries: readonly string[], at: number): Promise<number> {
    let removed = 0;
    for (let i = 0; i < entries.length; i += ENTRIES_PER_STATEMENT) {
      const chunk = [...new Set(entries.slice(i, i + ENTRIES_PER_STATEMENT))];
      const gone = new Set((await this.db.deleteFrom('red_list_entries').where('entry', 'in', chunk).returning('entry').execute()).map((r) => r.entry));
      if (gone.size === 0) continue;
      await this.db
        .insertInto('red_list_changes')
        .values(chunk.filter((e) => gone.has(e)).map((entry) => ({ entry, op: 'remove' as const, at })))
        .execute();
      removed += gone.size;
    }
    return removed;
  }

  /** Removes the entries that have caught every code they could by `now`, logging each; returns how many. */
  async expire(now: number): Promise<number> {
    const due = await this.db.selectFrom('red_list_entries').select('entry').where('expires_at', '<=', now).orderBy('entry').execute();
    for (const { entry } of due) await this.remove(entry, now);
    return due.length;
  }

  async expiryOf(entry: string): Promise<number | null | undefined> {
    const row = await this.db.selectFrom('red_list_entries').select('expires_at').where('entry', '=', entry).executeTakeFirst();
    return row ? (row.expires_at === null ? null : Number(row.expires_at)) : undefined;
  }

  /** Removes the entry and logs the change; false when it was not listed. */
  async remove(entry: string, at: number): Promise<boolean> {
    const gone = await this.db.deleteFrom('red_list_entries').where('entry', '=', entry).returning('entry').executeTakeFirst();
    if (!gone) return false;
    await this.db.insertInto('red_list_changes').values({ entry, op: 'remove', at }).execute();
    return true;
  }

  async entries(): Promise<string[]> {
    return (await this.db.selectFrom('red_list_entries').select('entry').orderBy('entry').execute()).map((r) => r.entry);
  }

  async countEntries(): Promise<number> {
    const row = await this.db
      .selectFrom('red_list_entries')
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  /** The latest change's version, 0 for a list that never changed. */
  async version(): Promise<number> {
    const row = await this.db
      .selectFrom('red_list_changes')
      .select((eb) => eb.fn.max('version').as('v'))
      .executeTakeFirst();
    return Number(row?.v ?? 0);
  }

  async countChangesSince(version: number): Promise<number> {
    const row = await this.db
      .selectFrom('red_list_changes')
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .where('version', '>', version)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  /** Changes after `since` up to and including `upTo`, oldest first. */
  async changesBetween(since: number, upTo: number): Promise<RedListChangeRow[]> {
    const rows = await this.db
      .selectFrom('red_list_changes')
      .selectAll()
      .where('version', '>', since)
      .where('version', '<=', upTo)
      .orderBy('version')
      .execute();
    return rows.map((r) => ({ ...r, version: Number(r.version) }));
  }
}
