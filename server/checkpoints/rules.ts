// The pure rules of a sync merge, kept apart from the database work so each can be read (and
// tested) on its own: capture-time limits and the order records are merged in. (The local day is
// shared/time.ts: the gate's tally uses the same rule.)

import { MAX_FUTURE_SKEW_MS, MAX_RECORD_AGE_MS, type RecordResult, type RejectReason } from '../../shared/records.js';
import type { BindingSpan } from '../store/venues.js';

/** Why a capture time cannot be taken as it is, judged by the server's clock; undefined if fine. */
export function captureTimeProblem(capturedAt: number, now: number): RejectReason | undefined {
  if (capturedAt - now > MAX_FUTURE_SKEW_MS) return 'captured-in-future';
  if (now - capturedAt > MAX_RECORD_AGE_MS) return 'captured-too-long-ago';
  return undefined;
}

/**
 * How far outside a span of binding a capture may fall and still count: 30 seconds. The capture
 * time is first moved by the batch's measured skew (device clock minus server clock when the batch
 * arrived), so a phone whose clock is simply wrong is judged by the server's clock, and moving the
 * phone's clock back does not make a later record look earlier. What remains uncertain is the
 * upload's own latency, which the measured skew includes (the gate gives up on a sync request after
 * 20 seconds), and the phone clock's drift between capture and upload (NTP-kept phones drift well
 * under a second a day): 30 seconds covers both.
 */
export const BINDING_TOLERANCE_MS = 30_000;

/**
 * Whether a record was captured while its inspector was bound to the venue: its capture time, on
 * the server's clock as far as the batch tells (capturedAt − skewMs), falls inside a span of
 * binding, widened by BINDING_TOLERANCE_MS at both ends. A span still open has no end.
 */
export function capturedWhileBound(spans: readonly BindingSpan[], capturedAt: number, skewMs: number): boolean {
  const at = capturedAt - skewMs;
  return spans.some((s) => at >= s.boundAt - BINDING_TOLERANCE_MS && (s.unboundAt === null || at <= s.unboundAt + BINDING_TOLERANCE_MS));
}

export interface Keyed {
  id: string;
  seq: number;
}

/**
 * Splits the records still to merge into the ones that can be inserted together now and the ones
 * that must wait. A record waits while an earlier one still waiting or in this round shares its
 * id or its sequence number: merging round by round then gives every record exactly the result it
 * would get if the batch were merged one record at a time, in order — in one statement per round,
 * and almost always in a single round.
 */
export function splitRound<T extends Keyed>(pending: readonly T[]): { round: T[]; later: T[] } {
  const ids = new Set<string>();
  const seqs = new Set<number>();
  const round: T[] = [];
  const later: T[] = [];
  for (const p of pending) {
    (ids.has(p.id) || seqs.has(p.seq) ? later : round).push(p);
    ids.add(p.id);
    seqs.add(p.seq);
  }
  return { round, later };
}

/**
 * The result for a record that was not inserted: its id is stored (same content: a harmless
 * duplicate; other content: a conflict), or else another id already holds its sequence number.
 */
export function notInsertedResult(id: string, hash: string, storedHash: string | undefined): RecordResult {
  if (storedHash === undefined) return { id, status: 'rejected', reason: 'sequence-conflict' };
  return storedHash === hash ? { id, status: 'duplicate' } : { id, status: 'rejected', reason: 'conflict' };
}
