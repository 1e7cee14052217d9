// Peak hours (亮码 at rush hour): a person's current signed code is served again from memory
// until half its life has passed or anything it says has changed, so a rush of people opening
// their code costs a person lookup each, not a signature each.
//
// An entry is served only while
// - the person's row still says what the code says (status, reason, status time, name): a status
//   change through any process shows at the next request, since the row is read every time;
// - the trust list's version is the one it was signed under (a key rotated or withdrawn through any
//   process is seen within the key ring's recheck, a second);
// - less than half the code's life has passed, so a phone never holds a code that expires soon.

import type { MyCode } from '../../shared/api/people.js';
import { toHex } from '../../shared/bytes.js';
import type { KeyRing } from '../keys/keyring.js';
import type { PersonRow } from '../store/people.js';
import type { Store } from '../store/store.js';

interface Entry {
  code: MyCode;
  fingerprint: string;
  trustVersion: number;
  refreshAt: number;
}

export interface CodeCacheOptions {
  now?: () => number;
  /** Entries kept at most; the oldest go first. */
  maxEntries?: number;
}

const fingerprint = (p: PersonRow): string => JSON.stringify([p.status, p.reason, p.status_changed_at, p.name, p.sub]);

export class CodeCache {
  private readonly entries = new Map<string, Entry>();
  private readonly now: () => number;
  private readonly maxEntries: number;
  hits = 0;
  misses = 0;

  constructor(
    private readonly store: Store,
    private readonly keys: KeyRing,
    options: CodeCacheOptions = {},
  ) {
    this.now = options.now ?? Date.now;
    this.maxEntries = options.maxEntries ?? 200_000;
  }

  /**
   * The person's code bound to `cnf` (or unbound): the cached one while it may still be served,
   * else a new one from `issue`. A person who no longer exists gets whatever `issue` answers.
   */
  async get(personId: string, cnf: Uint8Array | undefined, issue: () => Promise<MyCode>): Promise<MyCode> {
    const key = `${personId}|${cnf ? toHex(cnf) : ''}`;
    const [person, trustVersion] = await Promise.all([this.store.people.getPerson(personId), this.keys.currentVersion()]);
    const held = this.entries.get(key);
    const now = this.now();
    if (person && held && held.fingerprint === fingerprint(person) && held.trustVersion === trustVersion && now < held.refreshAt) {
      this.hits++;
      return held.code;
    }
    this.misses++;
    const code = await issue();
    if (!person) return code;
    this.entries.delete(key);
    this.entries.set(key, { code, fingerprint: fingerprint(person), trustVersion, refreshAt: code.issuedAt + (code.expiresAt - code.issuedAt) / 2 });
    if (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    return code;
  }

  get size(): number {
    return this.entries.size;
  }
}
