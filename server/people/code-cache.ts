// Peak hours (亮码 at rush hour): a person's current signed code is served again from memory
// until half its life has passed or anything it says has changed, so a rush of people opening
// their code costs a session lookup each, not a signature and a person lookup each.
//
// An entry is served only while
// - the person's row still says what the code says (status, reason, status time, name, subject,
//   the national platform's state).
//   The row is read again when this process has changed anyone's status, subject or name since
//   the entry was last checked, and otherwise at most once a second: a change made through
//   another process shows within a second, as a key rotation or a red-list change does; a code
//   handed out meanwhile was issued before the change, so the red list catches it offline;
// - the device key it is bound to is still registered to the account, with the same public key
//   (checked with the person's row: the phone's key is part of what the code says);
// - the trust list's version is the one it was signed under (a key rotated or withdrawn through any
//   process is seen within the key ring's recheck, a second);
// - less than half the code's life has passed, so a phone never holds a code that expires soon.

import type { MyCode } from '../../shared/api/people.js';
import type { KeyRing } from '../keys/keyring.js';
import { peopleWrites, type PersonRow } from '../store/people.js';
import type { Store } from '../store/store.js';

interface Entry {
  code: MyCode;
  /** The device key bound into the code (its compressed point), if any. */
  cnf: Uint8Array | undefined;
  fingerprint: string;
  trustVersion: number;
  refreshAt: number;
  /** When the person's row was last found unchanged, and this process's people-writes count then. */
  checkedAt: number;
  generation: number;
}

export interface CodeCacheOptions {
  now?: () => number;
  /** Entries kept at most; the oldest go first. */
  maxEntries?: number;
  /** How long a person's row, once checked, is taken as unchanged by other processes. */
  recheckMs?: number;
}

const sameKey = (a: Uint8Array | undefined, b: Uint8Array | undefined): boolean =>
  a === undefined || b === undefined ? a === b : a.length === b.length && a.every((x, i) => x === b[i]);

const fingerprint = (p: PersonRow): string => JSON.stringify([p.status, p.reason, p.status_changed_at, p.name, p.sub, p.national_state, p.national_state_at]);

export class CodeCache {
  private readonly entries = new Map<string, Entry>();
  private readonly now: () => number;
  private readonly maxEntries: number;
  private readonly recheckMs: number;
  hits = 0;
  misses = 0;
  /** Person rows read to check an entry or to keep a new one. */
  reads = 0;

  constructor(
    private readonly store: Store,
    private readonly keys: KeyRing,
    options: CodeCacheOptions = {},
  ) {
    this.now = options.now ?? Date.now;
    this.maxEntries = options.maxEntries ?? 200_000;
    this.recheckMs = options.recheckMs ?? 1000;
  }

  /**
   * The code `get` would serve without reading anything, or undefined: the rush-hour path, with no
   * promise or closure made per request.
   */
  fresh(personId: string, binding: string): MyCode | undefined {
    const held = this.entries.get(`${personId}|${binding}`);
    if (!held || held.trustVersion !== this.keys.freshVersion()) return undefined;
    const now = this.now();
    if (now >= held.refreshAt || held.generation !== peopleWrites.generation || now - held.checkedAt >= this.recheckMs) return undefined;
    this.hits++;
    return held.code;
  }

  /**
   * The person's code for one account and device key (`binding` names both; `cnf` reads the key,
   * and fails if it is no longer registered): the cached one while it may still be served, else a
   * new one from `issue`. A person who no longer exists gets whatever `issue` answers.
   */
  async get(personId: string, binding: string, cnf: () => Promise<Uint8Array | undefined>, issue: (cnf: Uint8Array | undefined) => Promise<MyCode>): Promise<MyCode> {
    const key = `${personId}|${binding}`;
    const trustVersion = await this.keys.currentVersion();
    // (The first test below is `fresh`, written out: the version just read may be newer than its own.)
    const held = this.entries.get(key);
    const now = this.now();
    const generation = peopleWrites.generation;
    let person: PersonRow | undefined;
    let bound: Uint8Array | undefined;
    if (held && held.trustVersion === trustVersion && now < held.refreshAt) {
      if (held.generation === generation && now - held.checkedAt < this.recheckMs) {
        this.hits++;
        return held.code;
      }
      person = await this.read(personId);
      bound = await cnf();
      if (person && held.fingerprint === fingerprint(person) && sameKey(held.cnf, bound)) {
        held.checkedAt = now;
        held.generation = generation;
        this.hits++;
        return held.code;
      }
    } else {
      bound = await cnf();
    }
    this.misses++;
    person ??= await this.read(personId);
    const code = await issue(bound);
    this.entries.delete(key);
    if (!person) return code;
    this.entries.set(key, {
      code,
      cnf: bound,
      fingerprint: fingerprint(person),
      trustVersion,
      refreshAt: code.issuedAt + (code.expiresAt - code.issuedAt) / 2,
      checkedAt: now,
      generation,
    });
    if (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    return code;
  }

  get size(): number {
    return this.entries.size;
  }

  private read(personId: string): Promise<PersonRow | undefined> {
    this.reads++;
    return this.store.people.getPerson(personId);
  }
}
