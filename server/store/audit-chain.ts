// The pure half of the hash-chained audit log: the canonical form of an entry, the link that chains
// it to the one before, and a verifier fed the rows in pages, so a store can check millions of them
// in constant memory and name the first broken link. It lives beside the store because the store
// chains every row it appends (store/audit.ts), whoever calls it.

import { createHash } from 'node:crypto';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export interface AuditEntry {
  /** 1, 2, 3, … with no gaps: assigned by the writer, not a database sequence (those skip on rollback). */
  seq: number;
  /** Epoch ms. */
  at: number;
  actor: string;
  action: string;
  /** What the action was done to (a person id, a kid, a feed), or '' when nothing in particular. */
  target: string;
  detail: { [key: string]: Json };
}

export interface ChainedAuditEntry extends AuditEntry {
  /** The hash of the entry before (GENESIS_HASH for seq 1), lower-case hex. */
  prevHash: string;
  /** SHA-256(prevHash bytes ‖ UTF-8 of canonicalEntry), lower-case hex. */
  hash: string;
}

/** What entry 1 chains to. */
export const GENESIS_HASH = '0'.repeat(64);

export class AuditEntryError extends Error {
  override name = 'AuditEntryError';
}

const HEX_HASH = /^[0-9a-f]{64}$/;

/**
 * JSON with object keys sorted by UTF-16 code units and no spaces: RFC 8785 (JCS) for the values
 * an audit entry holds. Refuses anything a JSON round trip would change (undefined, NaN, Dates,
 * Maps, class instances): the row is stored as JSON and read back to verify, and a value that comes
 * back different would show up years later as a "tampered" row instead of failing now at write time.
 */
export function canonicalJson(value: unknown): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'boolean':
      return value ? 'true' : 'false';
    case 'string':
      return JSON.stringify(value);
    case 'number':
      if (!Number.isFinite(value)) throw new AuditEntryError(`not a JSON number: ${value}`);
      return JSON.stringify(value);
    case 'object': {
      if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
      const proto: unknown = Object.getPrototypeOf(value);
      if (proto !== Object.prototype && proto !== null) throw new AuditEntryError('only plain objects belong in an audit entry');
      const obj = value as Record<string, unknown>;
      return `{${Object.keys(obj)
        .sort()
        .map((k) => `${JSON.stringify(k)}:${canonicalJson(obj[k])}`)
        .join(',')}}`;
    }
    default:
      throw new AuditEntryError(`not a JSON value: ${typeof value}`);
  }
}

export function canonicalEntry(e: AuditEntry): string {
  if (!Number.isSafeInteger(e.seq) || e.seq < 1) throw new AuditEntryError(`bad seq ${e.seq}`);
  if (!Number.isSafeInteger(e.at) || e.at < 0) throw new AuditEntryError(`bad time ${e.at}`);
  const { seq, at, actor, action, target, detail } = e;
  for (const s of [actor, action, target]) if (typeof s !== 'string') throw new AuditEntryError('actor, action and target are strings');
  if (detail === null || typeof detail !== 'object' || Array.isArray(detail)) throw new AuditEntryError('detail is a JSON object');
  return canonicalJson({ seq, at, actor, action, target, detail });
}

export function entryHash(prevHash: string, e: AuditEntry): string {
  if (!HEX_HASH.test(prevHash)) throw new AuditEntryError('prevHash is 64 lower-case hex digits');
  return createHash('sha256').update(Buffer.from(prevHash, 'hex')).update(canonicalEntry(e), 'utf8').digest('hex');
}

export interface ChainHead {
  seq: number;
  hash: string;
}

/** The next entry of a chain whose head is `head` (null: an empty chain), ready to store. */
export function chainEntry(head: ChainHead | null, e: Omit<AuditEntry, 'seq'>): ChainedAuditEntry {
  const entry = { ...e, seq: (head?.seq ?? 0) + 1 };
  const prevHash = head?.hash ?? GENESIS_HASH;
  return { ...entry, prevHash, hash: entryHash(prevHash, entry) };
}

export const CHAIN_BREAK_REASONS = ['tampered', 'missing', 'reordered', 'bad-genesis'] as const;
export type ChainBreakReason = (typeof CHAIN_BREAK_REASONS)[number];

export interface ChainBreak {
  reason: ChainBreakReason;
  /** The sequence number the chain should have had here: the first entry that is not as it should be. */
  seq: number;
  /** 0-based index of the offending row in the order the verifier was fed. */
  position: number;
  /** The sequence number actually found there, when it differs. */
  found?: number;
  message: string;
}

export type ChainReport =
  | { ok: true; checked: number; head: ChainHead | null }
  | { ok: false; checked: number; break: ChainBreak };

/**
 * Checks a chain fed in storage order (by insertion id, not by seq: reading in seq order would turn
 * a reordering into a rewrite and hide it). Feed pages with `push`, then call `finish`. Stops at the
 * first break. A seq ahead of the expected one is held back one row: if a smaller seq follows, rows
 * were reordered; if not, rows are missing.
 */
export class ChainVerifier {
  private expected: number;
  private prevHash: string;
  private position = 0;
  private checked = 0;
  private held: { entry: ChainedAuditEntry; position: number } | undefined;
  private broken: ChainBreak | undefined;

  /** `after`: a head already verified, to check only what was appended since. */
  constructor(private readonly after: ChainHead | null = null) {
    this.expected = (after?.seq ?? 0) + 1;
    this.prevHash = after?.hash ?? GENESIS_HASH;
  }

  push(entries: Iterable<ChainedAuditEntry>): ChainBreak | undefined {
    for (const e of entries) {
      if (this.broken) break;
      this.step(e, this.position++);
    }
    return this.broken;
  }

  /** `head`: the head the store recorded separately; without it a cut-off tail goes unnoticed. */
  finish(head?: ChainHead): ChainReport {
    if (!this.broken && this.held) this.missing(this.held.position, this.held.entry.seq);
    if (!this.broken && head) {
      const last = this.expected - 1;
      if (head.seq > last) this.fail('missing', last + 1, this.position, undefined, `the chain ends at seq ${last}, but the recorded head is seq ${head.seq}`);
      else if (head.seq < last) this.fail('tampered', head.seq + 1, this.position - (last - head.seq), head.seq + 1, `rows run past the recorded head (seq ${head.seq})`);
      else if (head.hash !== this.prevHash) this.fail('tampered', last, this.position - 1, undefined, `seq ${last} does not match the recorded head`);
    }
    if (this.broken) return { ok: false, checked: this.checked, break: this.broken };
    const last = this.expected - 1;
    return { ok: true, checked: this.checked, head: last === 0 ? null : { seq: last, hash: this.prevHash } };
  }

  private step(e: ChainedAuditEntry, position: number): void {
    if (this.held) {
      const { entry, position: heldAt } = this.held;
      if (Number.isSafeInteger(e.seq) && e.seq < entry.seq) {
        this.fail('reordered', this.expected, heldAt, entry.seq, `seq ${entry.seq} stands where seq ${this.expected} belongs`);
      } else this.missing(heldAt, entry.seq);
      return;
    }
    if (!Number.isSafeInteger(e.seq)) return this.fail('tampered', this.expected, position, undefined, `seq is not an integer`);
    if (e.seq < this.expected) return this.fail('reordered', this.expected, position, e.seq, `seq ${e.seq} comes again after seq ${this.expected - 1}`);
    if (e.seq > this.expected) {
      this.held = { entry: e, position };
      return;
    }
    const first = this.after === null && e.seq === 1;
    if (e.prevHash !== this.prevHash) {
      return first
        ? this.fail('bad-genesis', 1, position, undefined, 'seq 1 does not start from the genesis hash')
        : this.fail('tampered', e.seq, position, undefined, `seq ${e.seq} does not link to seq ${e.seq - 1}: one of them was rewritten`);
    }
    let hash: string;
    try {
      hash = entryHash(e.prevHash, e);
    } catch (err) {
      return this.fail('tampered', e.seq, position, undefined, `seq ${e.seq} is malformed: ${(err as Error).message}`);
    }
    if (hash !== e.hash) return this.fail('tampered', e.seq, position, undefined, `seq ${e.seq} was changed after it was written`);
    this.prevHash = e.hash;
    this.expected++;
    this.checked++;
  }

  private missing(position: number, found: number): void {
    const gap = found - this.expected === 1 ? `seq ${this.expected} is missing` : `seq ${this.expected}–${found - 1} are missing`;
    this.fail('missing', this.expected, position, found, gap);
  }

  private fail(reason: ChainBreakReason, seq: number, position: number, found: number | undefined, message: string): void {
    this.broken = { reason, seq, position, ...(found === undefined ? {} : { found }), message };
  }
}

/** Verifies a whole chain held in memory; stores use ChainVerifier page by page instead. */
export function verifyChain(entries: Iterable<ChainedAuditEntry>, head?: ChainHead): ChainReport {
  const verifier = new ChainVerifier();
  verifier.push(entries);
  return verifier.finish(head);
}
