// Store: checkpoint records (append-only: inserted once, never updated or deleted), the devices
// that send them, and the daily counts managers see.

import { sql, type Insertable, type Kysely, type Selectable } from 'kysely';
import type { Dialect } from './dialect.js';
import type { CheckpointRecordsTable, Database, DevicesTable } from './schema.js';

export type StoredCheckpointRow = Selectable<CheckpointRecordsTable>;
/** A record to store: what it counts as for statistics (migration 009) may be left out, as unknown. */
export type CheckpointRow = Omit<StoredCheckpointRow, StatsColumns> & Partial<Pick<StoredCheckpointRow, StatsColumns>>;
type StatsColumns = 'sex' | 'age_band' | 'hour' | 'via';
export type DeviceRow = Selectable<DevicesTable>;

export interface DailyCounts {
  /** Distinct people (code subjects) seen at the venue that day. */
  people: number;
  /** People whose latest record that day had a fever by the venue's threshold (shared isFever rule, in SQL). */
  fever: number;
  /** People whose latest record that day the server verified as red or red-listed. */
  red: number;
  /** People plus records whose code could not be read (no subject), re-scanned ones left out. */
  total: number;
}

/** Verdict kinds that count as a red code in the daily counts. */
const RED_VERDICTS = ['red', 'red-listed'];

const RECORD_COLUMNS = 23;
// PostgreSQL allows 65,535 bind parameters per statement, SQLite (≥ 3.32) 32,766: stay under both.
const MAX_PARAMS = 30_000;
const ROWS_PER_INSERT = Math.floor(MAX_PARAMS / RECORD_COLUMNS);
const IDS_PER_SELECT = 10_000;

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

export class RecordsRepo {
  constructor(
    protected readonly db: Kysely<Database>,
    protected readonly dialect: Dialect,
  ) {}

  /**
   * Inserts every row that clashes with nothing stored (neither its id nor its device and seq)
   * and returns the ids that went in. A clash is skipped, not an error, so a replay is harmless;
   * the caller finds out why with contentHashes(). Rows passed together must not clash with each
   * other: which of two clashing rows in one statement wins is not defined.
   */
  async insertRecords(rows: readonly CheckpointRow[]): Promise<Set<string>> {
    const inserted = new Set<string>();
    for (const chunk of chunks(rows, ROWS_PER_INSERT)) {
      const returned = await this.db
        .insertInto('checkpoint_records')
        // Every row with every column: a multi-row insert cannot leave some out on SQLite.
        .values(chunk.map((r) => ({ sex: null, age_band: null, hour: null, via: 'gate', ...r })))
        .onConflict((oc) => oc.doNothing())
        .returning('id')
        .execute();
      for (const r of returned) inserted.add(r.id);
    }
    return inserted;
  }

  /** id → content hash of the stored records among ids. */
  async contentHashes(ids: readonly string[]): Promise<Map<string, string>> {
    const found = new Map<string, string>();
    for (const chunk of chunks(ids, IDS_PER_SELECT)) {
      const rows = await this.db.selectFrom('checkpoint_records').select(['id', 'content_hash']).where('id', 'in', chunk).execute();
      for (const r of rows) found.set(r.id, r.content_hash);
    }
    return found;
  }

  async getRecord(id: string): Promise<StoredCheckpointRow | undefined> {
    return this.db.selectFrom('checkpoint_records').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /** Every record, by id: for tests and exports, not for request paths. */
  async allRecords(): Promise<StoredCheckpointRow[]> {
    return this.db.selectFrom('checkpoint_records').selectAll().orderBy('id').execute();
  }

  async countRecords(): Promise<number> {
    const row = await this.db.selectFrom('checkpoint_records').select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow();
    return Number(row.n);
  }

  /**
   * The inspector a device id belongs to: the first one to send under it (claimed here when the
   * id is new; concurrent first claims settle on one owner, the other waits on the key).
   */
  async claimDevice(deviceId: string, inspectorId: string, at: number): Promise<string> {
    await this.db
      .insertInto('devices')
      .values({ device_id: deviceId, inspector_id: inspectorId, max_seq: -1, last_seen_at: at })
      .onConflict((oc) => oc.column('device_id').doNothing())
      .execute();
    const row = await this.db.selectFrom('devices').select('inspector_id').where('device_id', '=', deviceId).executeTakeFirstOrThrow();
    return row.inspector_id;
  }

  /**
   * Records that a device was heard from. max_seq only grows and last_seen_at never goes back,
   * so batches arriving out of order (two server processes, a retried request) cannot lower them.
   * The owner stays the first inspector (claimDevice).
   */
  async noteDevice(device: Insertable<DevicesTable>): Promise<void> {
    const greatest = this.dialect === 'postgres' ? 'greatest' : 'max';
    // The list versions only grow too; a batch that reports none leaves them as they are.
    await this.db
      .insertInto('devices')
      .values(device)
      .onConflict((oc) =>
        oc.column('device_id').doUpdateSet((eb) => ({
          max_seq: eb.fn<number>(greatest, [eb.ref('devices.max_seq'), eb.ref('excluded.max_seq')]),
          last_seen_at: eb.fn<number>(greatest, [eb.ref('devices.last_seen_at'), eb.ref('excluded.last_seen_at')]),
          trust_version: eb.fn<number>('coalesce', [eb.fn(greatest, [eb.ref('devices.trust_version'), eb.ref('excluded.trust_version')]), eb.ref('devices.trust_version'), eb.ref('excluded.trust_version')]),
          red_list_version: eb.fn<number>('coalesce', [
            eb.fn(greatest, [eb.ref('devices.red_list_version'), eb.ref('excluded.red_list_version')]),
            eb.ref('devices.red_list_version'),
            eb.ref('excluded.red_list_version'),
          ]),
        })),
      )
      .execute();
  }

  /** Every device, least recently heard from first. */
  async devices(): Promise<DeviceRow[]> {
    const rows = await this.db.selectFrom('devices').selectAll().orderBy('last_seen_at').orderBy('device_id').execute();
    return rows.map((r) => ({ ...r, trust_version: r.trust_version === null ? null : Number(r.trust_version), red_list_version: r.red_list_version === null ? null : Number(r.red_list_version) }));
  }

  /** Counts a batch's rejected records, per reason, against the device that sent them. */
  async noteRejections(deviceId: string, counts: ReadonlyMap<string, number>, at: number): Promise<void> {
    for (const [reason, n] of [...counts].sort(([a], [b]) => (a < b ? -1 : 1))) {
      await this.db
        .insertInto('sync_rejections')
        .values({ device_id: deviceId, reason, n, last_at: at })
        .onConflict((oc) => oc.columns(['device_id', 'reason']).doUpdateSet((eb) => ({ n: eb(eb.ref('sync_rejections.n'), '+', eb.ref('excluded.n')), last_at: eb.ref('excluded.last_at') })))
        .execute();
    }
  }

  /** Rejected records by reason, across devices: how many, from how many devices, the latest when. */
  async rejectionsByReason(): Promise<{ reason: string; n: number; devices: number; lastAt: number }[]> {
    const rows = await this.db
      .selectFrom('sync_rejections')
      .select(['reason', (eb) => eb.fn.sum<number | string>('n').as('n'), (eb) => eb.fn.countAll<number | string>().as('devices'), (eb) => eb.fn.max('last_at').as('last_at')])
      .groupBy('reason')
      .orderBy('reason')
      .execute();
    return rows.map((r) => ({ reason: r.reason, n: Number(r.n), devices: Number(r.devices), lastAt: Number(r.last_at) }));
  }

  /** Records the server did not judge green since `since`, counted by its verdict. */
  async verdictCountsSince(since: number): Promise<{ verdict: string; n: number }[]> {
    const rows = await this.db
      .selectFrom('checkpoint_records')
      .select(['server_verdict as verdict', (eb) => eb.fn.countAll<number | string>().as('n')])
      .where('received_at', '>=', since)
      .where('server_verdict', '!=', 'green')
      .groupBy('server_verdict')
      .orderBy('server_verdict')
      .execute();
    return rows.map((r) => ({ verdict: r.verdict, n: Number(r.n) }));
  }

  async getDevice(deviceId: string): Promise<DeviceRow | undefined> {
    return this.db.selectFrom('devices').selectAll().where('device_id', '=', deviceId).executeTakeFirst();
  }

  /**
   * Counts for one venue and local day. A person scanned several times counts once, by their
   * latest record — latest by (captured_at, id), so the order records arrived in never matters.
   */
  async dailyCounts(venueId: string, day: string, feverThreshold: number): Promise<DailyCounts> {
    const latest = rankedPerPerson(this.db, venueId, day);
    const perPerson = await this.db
      .selectFrom(latest.as('l'))
      .select((eb) => [
        eb.fn.countAll<number | string>().as('people'),
        eb.fn.sum<number | string | null>(eb.case().when('temperature', '>=', feverThreshold).then(1).else(0).end()).as('fever'),
        eb.fn.sum<number | string | null>(eb.case().when('server_verdict', 'in', RED_VERDICTS).then(1).else(0).end()).as('red'),
      ])
      .where('rn', '=', 1)
      .executeTakeFirstOrThrow();
    // An unreadable scan that the inspector re-scanned (the new record supersedes it) is the same
    // visit, so it is left out; re-scans are made at the same gate, hence the venue-only subquery.
    const unreadable = await this.db
      .selectFrom('checkpoint_records')
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .where('venue_id', '=', venueId)
      .where('day', '=', day)
      .where('sub', 'is', null)
      .where('id', 'not in', (eb) =>
        eb.selectFrom('checkpoint_records as s').select('s.supersedes').where('s.venue_id', '=', venueId).where('s.supersedes', 'is not', null).$narrowType<{ supersedes: string }>(),
      )
      .executeTakeFirstOrThrow();
    const people = Number(perPerson.people);
    return {
      people,
      fever: Number(perPerson.fever ?? 0),
      red: Number(perPerson.red ?? 0),
      total: people + Number(unreadable.n),
    };
  }

  /**
   * A venue day's records, oldest first, each marked superseded or not by the one rule: a readable
   * record is superseded by a later one of the same person that day (rankedPerPerson); an
   * unreadable one by a record that names it in `supersedes` (a re-scan at the gate). Nothing is
   * changed in the table: superseded records stay as they were stored.
   */
  async recordsOfDay(venueId: string, day: string): Promise<(CheckpointRow & { superseded: boolean })[]> {
    const ranked = await rankedPerPerson(this.db, venueId, day).execute();
    const rank = new Map(ranked.map((r) => [r.id, Number(r.rn)]));
    const rows = await this.db.selectFrom('checkpoint_records').selectAll().where('venue_id', '=', venueId).where('day', '=', day).orderBy('captured_at').orderBy('id').execute();
    const named = new Set(rows.map((r) => r.supersedes).filter((id): id is string => id !== null));
    return rows.map((r) => ({ ...r, superseded: r.sub !== null ? (rank.get(r.id) ?? 1) > 1 : named.has(r.id) }));
  }
}

/**
 * Everything that checked a person at a venue on a local day, in one shape: checkpoint records made
 * at the gate that name a person, and the visitors' sunflower check-ins (a normal-temperature check
 * of the visitor at that time: no temperature, `via` 'checkin', the visitor's status when it arrived
 * as the verdict, the inspector whose code it was — or the code's tag when no binding had it).
 */
export function venueDayVisits(db: Kysely<Database>, venueId: string, day: string) {
  const gate = db
    .selectFrom('checkpoint_records')
    .select(['id', 'sub', 'temperature', 'server_verdict', 'inspector_id', 'captured_at', 'sex', 'age_band', 'hour', 'via'])
    .where('venue_id', '=', venueId)
    .where('day', '=', day)
    .where('sub', 'is not', null);
  const checkins = db
    .selectFrom('checkins')
    .select((eb) => [
      'id',
      'sub',
      sql<number | null>`null`.as('temperature'),
      'status as server_verdict',
      eb.fn.coalesce('inspector_id', 'inspector_tag').as('inspector_id'),
      'captured_at',
      'sex',
      'age_band',
      'hour',
      sql<string>`'checkin'`.as('via'),
    ])
    .where('venue_id', '=', venueId)
    .where('day', '=', day);
  return gate.unionAll(checkins as unknown as typeof gate);
}

/**
 * The supersede rule, in one place: at a venue on a local day each person (code subject) counts by
 * their latest record or check-in — latest by (captured_at, id), so the order they arrived in never
 * matters. Rank 1 counts; a higher rank is superseded (kept, never deleted). Counts and statistics
 * select from this query with `rn = 1`.
 */
export function rankedPerPerson(db: Kysely<Database>, venueId: string, day: string) {
  return db
    .selectFrom(venueDayVisits(db, venueId, day).as('v'))
    .select((eb) => [
      'id',
      'sub',
      'temperature',
      'server_verdict',
      'inspector_id',
      'captured_at',
      'sex',
      'age_band',
      'hour',
      'via',
      eb.fn
        .agg<number>('row_number')
        .over((ob) => ob.partitionBy('sub').orderBy('captured_at', 'desc').orderBy('id', 'desc'))
        .as('rn'),
    ]);
}

/**
 * PostgreSQL gave up on a transaction because of another one (a deadlock between two processes
 * merging overlapping batches): the whole transaction can be run again.
 */
export function isRetryableConflict(e: unknown): boolean {
  const code = (e as { code?: unknown } | null)?.code;
  return code === '40P01' || code === '40001';
}
