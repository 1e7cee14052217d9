// The device's IndexedDB (Dexie): the outbox of checkpoint records, receipts, rejected records,
// the holder's cached code, the trust and red lists, and small device facts. Only web/db/ imports Dexie.

// The ES2018 build (see dexie-modern.d.ts): this file is Dexie's only importer, so there is one copy.
import { Dexie, liveQuery, type Table } from 'dexie/dist/modern/dexie.mjs';
import type { MeResponse } from '../../shared/api/auth.js';
import type { Member } from '../../shared/api/members.js';
import type { MyCode } from '../../shared/api/people.js';
import type { Venue } from '../../shared/api/venues.js';
import type { GatePolicy } from '../../shared/api/gate.js';
import type { ServerTimeSeen } from '../../shared/clock.js';
import type { VerdictKind } from '../../shared/code/verify.js';
import type { CheckpointRecord, RecordFlag } from '../../shared/records.js';
import type { TrustList } from '../../shared/trust.js';
import type { PersonRecords } from '../../shared/api/records.js';
import type { DeclarationBody, MyDeclarations } from '../../shared/api/declarations.js';
import { DB_NAME } from './name.js';

/** A record waiting to be acknowledged by the server. */
export interface OutboxRow extends CheckpointRecord {
  queuedAt: number;
  /** The device id it is sent under (one per inspector on this phone); absent on records queued before that. */
  deviceId?: string;
}
/** Kept a few days after the server acknowledged a record, so the device can show what it sent. */
export interface ReceiptRow {
  id: string;
  record: CheckpointRecord;
  status: 'accepted' | 'duplicate';
  flags: RecordFlag[];
  ackedAt: number;
}
/** The server refused it: kept with the reason so the inspector can see it, never silently dropped. */
export interface RejectedRow {
  id: string;
  record: CheckpointRecord;
  reason: string;
  rejectedAt: number;
}
export interface CodeRow {
  /** The account's id for its own code; `<account>:<person>` for a member's code on this phone. */
  userId: string;
  code: MyCode;
  fetchedAt: number;
  /** The id of this phone's device key the code is bound to (shown live); absent for an unbound code. */
  deviceKey?: string;
  /** The code's QR as an SVG path (web/ui/qr-path.ts), so the page draws it before the encoder loads. */
  qr?: { size: number; d: string };
}
export interface TrustRow {
  name: 'trust';
  list: TrustList;
  fetchedAt: number;
}
export interface RedListRow {
  name: 'redlist';
  version: number;
  issuedAt: number;
  salt: string;
  entries: string[];
  fetchedAt: number;
}
export type ListRow = TrustRow | RedListRow;

/** A venue as a device may hold it: copies saved before venues had a time zone and a fever threshold lack them. */
export type HeldVenue = Omit<Venue, 'timeZone' | 'feverThreshold'> & Partial<Pick<Venue, 'timeZone' | 'feverThreshold'>>;

/** The holder phone's own ECDSA P-256 key pair (see device-keys.ts); the private half is non-extractable. */
export interface DeviceKeyRow {
  id: 'device';
  privateKey: CryptoKey;
  publicKey: CryptoKey;
  createdAt: number;
}

/** Small device facts, one row each; the value type is fixed by the key. */
/** A holder's records as last fetched (records.ts). */
export interface CachedRecords {
  records: PersonRecords;
  fetchedAt: number;
}

/** A code display the phone made and has not reported yet (records.ts). */
export interface PendingDisplay {
  id: string;
  shownAt: number;
  status: 'green' | 'red';
  offline: boolean;
  /** A family member's code shown by their guardian; absent: the account's own. */
  personId?: string;
}

export interface MetaValues {
  /** The phone's one device id from before ids were per inspector (records queued then still use it). */
  deviceId: string;
  /** The seq counter that went with it. */
  seq: number;
  /** This phone's device id for one inspector, and its seq counter. */
  [inspectorDevice: `deviceId:${string}`]: string;
  [deviceSeq: `seq:${string}`]: number;
  me: MeResponse['user'];
  lastSyncAt: number;
  venues: HeldVenue[];
  venueId: string;
  [tally: `tally:${string}`]: Tally;
  /** The id the server gave this phone's device key, per account (device-keys.ts). */
  [deviceKey: `deviceKey:${string}`]: string;
  /** The server's clock and this phone's at one moment: how far off this phone's clock is. */
  serverTimeSeen: ServerTimeSeen;
  /** The account's own person and the people it looks after, as the code page last heard (offline switch). */
  [members: `members:${string}`]: Member[];
  /** The deployment's live-code policy, as the gate last heard it. */
  gatePolicy: GatePolicy;
  /** Sunflower check-in codes this inspector's phone holds per venue, today's and the coming days' (checkins.ts). */
  [checkinCodes: `checkinCodes:${string}`]: { day: string; code: string }[];
  /** A visitor's check-ins not yet accepted by the server (checkins.ts). */
  checkinQueue: QueuedCheckin[];
  /** Entries the gate refused and logged on this phone, per local day (not checks, not uploaded). */
  [refused: `refused:${string}`]: RefusedEntry[];
  /** A holder's records as last fetched, per account (records.ts). */
  [records: `records:${string}`]: CachedRecords;
  /** Code displays not yet reported, per account (records.ts). */
  [displays: `displays:${string}`]: PendingDisplay[];
  /** A holder's memberships and declarations as last fetched, per account (declarations.ts). */
  [declarations: `declarations:${string}`]: { mine: MyDeclarations; fetchedAt: number };
  /** Declarations made on this phone and not yet acknowledged, per account (declarations.ts). */
  [declarationQueue: `declarationQueue:${string}`]: DeclarationBody[];
}

/** A check-in made on a visitor's phone, waiting for the network. */
export interface QueuedCheckin {
  id: string;
  code: string;
  capturedAt: number;
}

/** A refused entry logged at the gate: when, what the scan showed, and a masked trace of the code. */
export interface RefusedEntry {
  at: number;
  venueId: string;
  verdict: VerdictKind;
  /** The last characters of the scanned text, never the whole code. */
  codeTail: string;
}
export interface Tally {
  scanned: number;
  fever: number;
  notGreen: number;
}
export interface MetaRow {
  key: string;
  value: unknown;
}

export class HgDb extends Dexie {
  outbox!: Table<OutboxRow, string>;
  receipts!: Table<ReceiptRow, string>;
  rejected!: Table<RejectedRow, string>;
  codes!: Table<CodeRow, string>;
  lists!: Table<ListRow, string>;
  meta!: Table<MetaRow, string>;
  deviceKeys!: Table<DeviceKeyRow, string>;

  constructor(name = DB_NAME) {
    // Strict durability: "saved" on screen must mean flushed to disk, not in an OS buffer a power
    // cut can lose. It costs milliseconds per record (REFERENCES: Offline capture and sync).
    super(name, { chromeTransactionDurability: 'strict' });
    this.version(1).stores({
      outbox: 'id, seq, capturedAt',
      receipts: 'id, ackedAt',
      rejected: 'id, rejectedAt',
      codes: 'userId',
      lists: 'name',
      meta: 'key',
    });
    this.version(2).stores({ deviceKeys: 'id' });
  }
}

export async function getMeta<K extends keyof MetaValues>(db: HgDb, key: K): Promise<MetaValues[K] | undefined> {
  return (await db.meta.get(key as string))?.value as MetaValues[K] | undefined;
}

export async function setMeta<K extends keyof MetaValues>(db: HgDb, key: K, value: MetaValues[K]): Promise<void> {
  await db.meta.put({ key: key as string, value });
}

export async function deleteMeta(db: HgDb, key: keyof MetaValues): Promise<void> {
  await db.meta.delete(key as string);
}

/**
 * Runs `query` now and again whenever the tables it read change (in this tab or another one).
 * Returns the unsubscribe function. This is how app/ and area state get persisted data without importing Dexie.
 */
export function watch<T>(query: () => Promise<T>, onValue: (value: T) => void, onError?: (e: unknown) => void): () => void {
  const sub = liveQuery(query).subscribe({ next: onValue, error: (e: unknown) => onError?.(e) });
  return () => sub.unsubscribe();
}

/** Records not yet acknowledged. Lives here, not in outbox.ts, so the app shell can watch it without loading the record schemas. */
export function countPending(db: HgDb): Promise<number> {
  return db.outbox.count();
}

let shared: HgDb | undefined;
/** The app's one database; tests make their own with a unique name. */
export function appDb(): HgDb {
  shared ??= new HgDb();
  return shared;
}
