// Merging synced checkpoint batches exactly once: every record is judged, its code re-verified as
// at the gate, and the batch stored in one transaction where a replay changes nothing.

import type { SyncResponse } from '../../shared/api/sync.js';
import { ForbiddenError } from '../../shared/errors.js';
import {
  CLOCK_SKEW_FLAG_MS,
  recordContentHash,
  type CheckpointRecord,
  type RecordFlag,
  type RecordResult,
  type RejectReason,
  type SyncBatch,
} from '../../shared/records.js';
import { DEFAULT_TIME_ZONE, localDay, localHour } from '../../shared/time.js';
import type { UserActor } from '../auth/actor.js';
import type { CodeVerifier } from '../lists/verifier.js';
import { demographicsOf } from '../stats/demographics.js';
import type { ChangedDay, DaysChanged } from '../stats/recounter.js';
import { isRetryableConflict, type CheckpointRow } from '../store/records.js';
import type { Store } from '../store/store.js';
import type { BindingSpan, VenueRow } from '../store/venues.js';
import { capturedWhileBound, captureTimeProblem, notInsertedResult, splitRound } from './rules.js';

export interface MergeOptions {
  now?: () => number;
  /** Told, after the transaction commits, which venue days got records (their counts are made again). */
  onDaysChanged?: DaysChanged;
}

const MAX_ATTEMPTS = 3;

/** Thrown inside the write transaction (rolling it back) when the device id turns out to be another's. */
class DeviceTaken extends Error {}

function notTheirDevice(batch: SyncBatch): SyncResponse {
  return { results: batch.records.map((r) => ({ id: r.id, status: 'rejected', reason: 'device-of-another-inspector' })) };
}

/** A record that passed the per-record rules, ready to insert. */
interface Prepared {
  index: number;
  id: string;
  seq: number;
  row: CheckpointRow;
  flags: RecordFlag[];
}

type Fresh = { index: number; record: CheckpointRecord; venue: VenueRow };

export class CheckpointMerge {
  constructor(
    protected readonly store: Store,
    protected readonly verifier: CodeVerifier,
    protected readonly options: MergeOptions = {},
  ) {}

  async mergeBatch(batch: SyncBatch, inspector: UserActor): Promise<SyncResponse> {
    if (inspector.role !== 'inspector' && inspector.role !== 'manager') throw new ForbiddenError('Only inspectors sync checkpoint records.');
    const now = this.options.now?.() ?? Date.now();
    const results: RecordResult[] = new Array<RecordResult>(batch.records.length);
    // A device id belongs to the inspector who first sent under it: another's batch changes nothing.
    const owner = (await this.store.records.getDevice(batch.deviceId))?.inspector_id;
    if (owner !== undefined && owner !== inspector.id) return notTheirDevice(batch);
    const bindingOf = this.bindingCache(inspector.id);
    // Device clock minus server clock at send time: positive when the device runs ahead.
    const skewMs = batch.sentAt - now;

    const fresh: Fresh[] = [];
    const late: { index: number; record: CheckpointRecord; reason: RejectReason }[] = [];
    for (const [index, record] of batch.records.entries()) {
      // A record counts when it was captured while bound, also when it is synced after the unbind.
      const binding = record.inspectorId === inspector.id ? await bindingOf(record.venueId) : undefined;
      const venue = binding && capturedWhileBound(binding.spans, record.capturedAt, skewMs) ? binding.venue : undefined;
      const refused = record.inspectorId !== inspector.id ? 'inspector-mismatch' : venue ? undefined : 'not-bound-to-venue';
      const timing = refused ? undefined : captureTimeProblem(record.capturedAt, now);
      if (refused) results[index] = { id: record.id, status: 'rejected', reason: refused };
      else if (timing) late.push({ index, record, reason: timing });
      else fresh.push({ index, record, venue: venue! });
    }

    // Records are never changed or deleted once stored, so what is already stored can be judged
    // now, outside the transaction: a replayed batch costs one lookup and no signature checks.
    const stored = await this.compareWithStored([...fresh, ...late]);
    for (const { index, record } of fresh) {
      const found = stored.get(index);
      if (found) results[index] = found === 'same' ? { id: record.id, status: 'duplicate' } : { id: record.id, status: 'rejected', reason: 'conflict' };
    }
    // A record stored while it was fresh is still a duplicate when replayed after it grew too old.
    for (const { index, record, reason } of late) {
      results[index] = stored.get(index) === 'same' ? { id: record.id, status: 'duplicate' } : { id: record.id, status: 'rejected', reason };
    }

    // Signatures are checked before the transaction, all at once: WebCrypto runs them on the
    // thread pool, and the transaction then holds its locks only for the writes.
    const prepared = await Promise.all(
      fresh.filter(({ index }) => !stored.has(index)).map((f) => this.prepare(f, batch, now)),
    );
    await this.addDemographics(prepared, fresh);

    for (let attempt = 1; ; attempt++) {
      try {
        const changed = await this.store.transaction((tx) => this.write(tx, batch, inspector, now, prepared, results));
        if (changed.length > 0) this.options.onDaysChanged?.(changed);
        return { results };
      } catch (e) {
        if (e instanceof DeviceTaken) return notTheirDevice(batch);
        if (attempt >= MAX_ATTEMPTS || !isRetryableConflict(e)) throw e;
      }
    }
  }

  /** The writes of one batch; fills in results and says which venue days got records. Safe to run again after a rolled-back attempt. */
  private async write(
    tx: Store,
    batch: SyncBatch,
    inspector: UserActor,
    now: number,
    prepared: Prepared[],
    results: RecordResult[],
  ): Promise<ChangedDay[]> {
    // Claimed first, inside the transaction: of two inspectors racing for a new id, one owns it and
    // the other's writes roll back.
    if ((await tx.records.claimDevice(batch.deviceId, inspector.id, now)) !== inspector.id) throw new DeviceTaken();
    let maxSeq = -1;
    let pending = prepared;
    while (pending.length > 0) {
      const { round, later } = splitRound(pending);
      // Rows in id order: two processes merging the same batch take their locks in the same order.
      const inserted = await tx.records.insertRecords(round.map((p) => p.row).sort((a, b) => (a.id < b.id ? -1 : 1)));
      const missed = round.filter((p) => !inserted.has(p.id));
      const stored = missed.length > 0 ? await tx.records.contentHashes(missed.map((p) => p.id)) : new Map<string, string>();
      for (const p of round) {
        if (inserted.has(p.id)) {
          results[p.index] = { id: p.id, status: 'accepted', flags: p.flags };
          maxSeq = Math.max(maxSeq, p.seq);
        } else {
          results[p.index] = notInsertedResult(p.id, p.row.content_hash, stored.get(p.id));
        }
      }
      pending = later;
    }

    // The days that got records are counted again before their statistics are next read.
    const changed = [
      ...new Map(prepared.filter((p) => results[p.index]?.status === 'accepted').map((p) => [`${p.row.venue_id}\u0000${p.row.day}`, { venueId: p.row.venue_id, day: p.row.day }])).values(),
    ];
    if (changed.length > 0) await tx.stats.markDaysChanged(changed);

    // max_seq −1 means nothing from this device is stored yet; the upsert never lowers it.
    await tx.records.noteDevice({
      device_id: batch.deviceId,
      inspector_id: inspector.id,
      max_seq: maxSeq,
      last_seen_at: now,
      trust_version: batch.lists?.trust ?? null,
      red_list_version: batch.lists?.redList ?? null,
    });
    // Sync health for the authority: rejected records are not stored, so they are counted here.
    const rejected = new Map<string, number>();
    for (const r of results) if (r?.status === 'rejected') rejected.set(r.reason, (rejected.get(r.reason) ?? 0) + 1);
    if (rejected.size > 0) await tx.records.noteRejections(batch.deviceId, rejected, now);
    return changed;
  }

  /**
   * Sex and age band from each checked person's identity document, looked up once for the batch:
   * the record keeps only these, never the document (issue 8: the table stores no personal data).
   */
  private async addDemographics(prepared: Prepared[], fresh: Fresh[]): Promise<void> {
    const subs = prepared.map((p) => p.row.sub).filter((sub): sub is string => sub !== null);
    if (subs.length === 0) return;
    const documents = await this.store.stats.documentsBySub(subs);
    const zoneOf = new Map(fresh.map((f) => [f.index, f.venue.time_zone]));
    for (const p of prepared) {
      if (p.row.sub === null) continue;
      const d = demographicsOf(documents.get(p.row.sub), p.row.captured_at, zoneOf.get(p.index) ?? DEFAULT_TIME_ZONE);
      p.row.sex = d.sex;
      p.row.age_band = d.ageBand;
    }
  }

  /** For each record whose id is already stored: whether the stored one has the same content. */
  private async compareWithStored(items: { index: number; record: CheckpointRecord }[]): Promise<Map<number, 'same' | 'different'>> {
    const hashes = await this.store.records.contentHashes(items.map(({ record }) => record.id));
    const found = new Map<number, 'same' | 'different'>();
    for (const { index, record } of items) {
      const storedHash = hashes.get(record.id);
      if (storedHash !== undefined) found.set(index, storedHash === recordContentHash(record) ? 'same' : 'different');
    }
    return found;
  }

  /** One lookup per venue per batch (a batch usually holds one venue's records): the venue and the spans of binding. */
  private bindingCache(userId: string): (venueId: string) => Promise<{ venue: VenueRow; spans: BindingSpan[] } | undefined> {
    const known = new Map<string, Promise<{ venue: VenueRow; spans: BindingSpan[] } | undefined>>();
    return (venueId) => {
      let binding = known.get(venueId);
      if (!binding) {
        binding = this.store.venues.bindingSpans(userId, venueId);
        known.set(venueId, binding);
      }
      return binding;
    };
  }

  /** Re-verifies the code as at the moment of capture and builds the row to store. */
  private async prepare({ index, record: r, venue }: Fresh, batch: SyncBatch, now: number): Promise<Prepared> {
    const verdict = await this.verifier.verify(r.code, r.capturedAt);
    const hash = recordContentHash(r);
    // Device clock minus server clock at send time: positive when the device runs ahead.
    const skewMs = batch.sentAt - now;
    const flags: RecordFlag[] = [];
    if (Math.abs(skewMs) > CLOCK_SKEW_FLAG_MS) flags.push('clock-skew');
    if (r.verdict !== verdict.kind) flags.push('verdict-differs');
    return {
      index,
      id: r.id,
      seq: r.seq,
      flags,
      row: {
        id: r.id,
        device_id: batch.deviceId,
        seq: r.seq,
        batch_id: batch.batchId,
        venue_id: r.venueId,
        inspector_id: r.inspectorId,
        code: r.code.trim(),
        // Only a code whose signature verified names a subject worth counting.
        sub: 'code' in verdict ? verdict.code.sub : null,
        temperature: r.temperature,
        client_verdict: r.verdict,
        server_verdict: verdict.kind,
        captured_at: r.capturedAt,
        received_at: now,
        // The venue's own day: the same rule the gate's tally uses.
        day: localDay(r.capturedAt, venue.time_zone),
        hour: localHour(r.capturedAt, venue.time_zone),
        supersedes: r.supersedes ?? null,
        content_hash: hash,
        flags: flags.join(','),
        clock_skew_ms: skewMs,
      },
    };
  }
}
