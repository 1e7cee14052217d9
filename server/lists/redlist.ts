// The red list: keyed hashes of the subjects of people who turned red, so a green code issued
// before the change shows "red-listed" at the gate. Devices get a snapshot or the delta since the
// version they hold, always with the total, signed by the trust root; the server's own verifier
// gets the live list, cached per version.

import { createHash } from 'node:crypto';
import { fromBase64Url, randomBytes, toBase64Url } from '../../shared/bytes.js';
import { sealEnvelope, type Envelope } from '../../shared/envelope.js';
import { type RedList, type RedListMessage } from '../../shared/redlist.js';
import type { KeyRing } from '../keys/keyring.js';
import type { Store } from '../store/store.js';

export const RED_LIST_SALT_SETTING = 'red_list_salt';
/** A delta longer than this (or than the list itself) costs more than a snapshot. */
const MAX_DELTA_CHANGES = 1000;

export interface RedListOptions {
  now?: () => number;
  /** How often the live list looks for changes made by other processes. */
  recheckMs?: number;
  maxDeltaChanges?: number;
}

export class RedListService {
  private readonly now: () => number;
  private readonly recheckMs: number;
  private readonly maxDeltaChanges: number;
  private saltCache: string | undefined;
  private live: { version: number; checkedAt: number; list: Promise<Omit<RedList, 'issuedAt'>> } | undefined;
  private versionRead: Promise<number> | undefined;

  constructor(
    private readonly store: Store,
    private readonly keys: KeyRing,
    options: RedListOptions = {},
  ) {
    this.now = options.now ?? Date.now;
    this.recheckMs = options.recheckMs ?? 1000;
    this.maxDeltaChanges = options.maxDeltaChanges ?? MAX_DELTA_CHANGES;
  }

  /** Made once, at random, and kept: every device's entries depend on it. */
  async salt(): Promise<string> {
    this.saltCache ??= await this.store.settings.setOnce(RED_LIST_SALT_SETTING, toBase64Url(randomBytes(16)));
    return this.saltCache;
  }

  /**
   * The entry for a person's subject reference (base64url, as stored in people.sub): shared's
   * redListEntry, with Node's SHA-256 — the portable one costs ~40 µs, felt when an import lists
   * ten thousand people (redlist.test.ts checks the two agree).
   */
  async entryFor(sub: string): Promise<string> {
    const salt = await this.salt();
    return toBase64Url(createHash('sha256').update(salt, 'utf8').update(fromBase64Url(sub)).digest().subarray(0, 12));
  }

  /** A snapshot, or the delta since `since` when that is a version this server can build one from. */
  async message(since?: number): Promise<RedListMessage> {
    const salt = await this.salt();
    // Version first: entries read after it may already hold later changes, which a device then
    // applies again from the next delta — adds and removes are idempotent, so it converges.
    const version = await this.store.redList.version();
    const issuedAt = this.now();
    const wantDelta = since !== undefined && Number.isSafeInteger(since) && since >= 0 && since <= version;
    if (wantDelta) {
      const count = await this.store.redList.countChangesSince(since);
      const total = await this.store.redList.countEntries();
      // A delta is only worth sending while it is smaller than the list it replaces.
      if (count <= Math.max(this.maxDeltaChanges, total)) {
        const last = new Map<string, 'add' | 'remove'>();
        for (const c of await this.store.redList.changesBetween(since, version)) last.set(c.entry, c.op);
        const added = [...last].filter(([, op]) => op === 'add').map(([e]) => e);
        const removed = [...last].filter(([, op]) => op === 'remove').map(([e]) => e);
        return { v: 1, version, issuedAt, salt, total, delta: { since, added, removed } };
      }
    }
    const entries = await this.store.redList.entries();
    return { v: 1, version, issuedAt, salt, total: entries.length, snapshot: entries };
  }

  async envelope(since?: number): Promise<Envelope> {
    const root = await this.keys.trustRoot();
    return sealEnvelope(await this.message(since), root.privateKey, root.kid);
  }

  /**
   * The live list for the server's own verification, as of `now` (so it is never stale). Cached
   * per version; the version is re-read at most once per recheckMs, and at once after changed().
   */
  async current(now: number): Promise<RedList> {
    const t = performance.now();
    let live = this.live;
    if (!live || t - live.checkedAt >= this.recheckMs) {
      // Concurrent callers (a batch verifies its codes at once) share one version read.
      this.versionRead ??= this.store.redList.version().finally(() => {
        this.versionRead = undefined;
      });
      const version = await this.versionRead;
      live = this.live;
      if (live?.version === version) live.checkedAt = t;
      else {
        const list = this.load(version).catch((e: unknown) => {
          this.live = undefined; // do not cache a failure
          throw e;
        });
        live = this.live = { version, checkedAt: t, list };
      }
    }
    return { ...(await live.list), issuedAt: now };
  }

  /** Drops the cached live list: called after a change made in this process. */
  changed(): void {
    this.live = undefined;
  }

  private async load(version: number): Promise<Omit<RedList, 'issuedAt'>> {
    return { version, salt: await this.salt(), entries: new Set(await this.store.redList.entries()) };
  }
}
