import { describe, expect, it } from 'vitest';
import {
  AuditEntryError,
  canonicalEntry,
  canonicalJson,
  chainEntry,
  ChainVerifier,
  entryHash,
  GENESIS_HASH,
  verifyChain,
  type ChainedAuditEntry,
  type ChainHead,
} from './audit-chain.js';

function buildChain(n: number): ChainedAuditEntry[] {
  const chain: ChainedAuditEntry[] = [];
  let head: ChainHead | null = null;
  for (let i = 0; i < n; i++) {
    const e = chainEntry(head, {
      at: 1_650_000_000_000 + i * 1000,
      actor: i % 3 === 0 ? 'cli' : `user-${i % 7}`,
      action: 'person.set-status',
      target: `person-${i}`,
      detail: { to: i % 2 ? 'red' : 'green', reason: 'close-contact', n: i },
    });
    chain.push(e);
    head = { seq: e.seq, hash: e.hash };
  }
  return chain;
}

const headOf = (chain: ChainedAuditEntry[]): ChainHead => ({ seq: chain.at(-1)!.seq, hash: chain.at(-1)!.hash });
const swap = <T>(list: T[], i: number, j: number): T[] => {
  const copy = [...list];
  [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  return copy;
};

describe('canonical entries', () => {
  it('sort keys at every depth and drop spaces', () => {
    expect(canonicalJson({ b: 1, a: { d: [true, null, 'x'], c: 2.5 } })).toBe('{"a":{"c":2.5,"d":[true,null,"x"]},"b":1}');
    expect(canonicalJson({ é: 1, z: 2, Z: 3 })).toBe('{"Z":3,"z":2,"é":1}');
  });

  it('write an entry as seq, time, actor, action, target and detail, and hash it after the previous hash', async () => {
    const entry = { seq: 1, at: 1000, actor: 'cli', action: 'key.withdraw', target: 'kid-1', detail: { why: '泄露', at: 5 } };
    const canonical = '{"action":"key.withdraw","actor":"cli","at":1000,"detail":{"at":5,"why":"泄露"},"seq":1,"target":"kid-1"}';
    expect(canonicalEntry(entry)).toBe(canonical);
    const bytes = new Uint8Array([...new Uint8Array(32), ...new TextEncoder().encode(canonical)]);
    const expected = Buffer.from(await crypto.subtle.digest('SHA-256', bytes)).toString('hex');
    expect(entryHash(GENESIS_HASH, entry)).toBe(expected);
  });

  it('give the same hash whatever order the detail keys were written in', () => {
    const a = { seq: 3, at: 1, actor: 'x', action: 'y', target: '', detail: { p: 1, q: [1, 2] } };
    const b = { ...a, detail: { q: [1, 2], p: 1 } };
    expect(entryHash(GENESIS_HASH, a)).toBe(entryHash(GENESIS_HASH, b));
    expect(entryHash(GENESIS_HASH, a)).not.toBe(entryHash(GENESIS_HASH, { ...a, detail: { p: 1, q: [2, 1] } }));
  });

  it.each([
    ['undefined', { a: undefined }],
    ['NaN', { a: Number.NaN }],
    ['a Date', { a: new Date(0) }],
    ['a Map', { a: new Map() }],
  ])('refuse a detail holding %s, which would not survive storage as JSON', (_, detail) => {
    expect(() => canonicalEntry({ seq: 1, at: 1, actor: 'a', action: 'b', target: '', detail: detail as never })).toThrow(AuditEntryError);
  });

  it('refuse a bad seq or time', () => {
    const ok = { seq: 1, at: 1, actor: 'a', action: 'b', target: '', detail: {} };
    expect(() => canonicalEntry({ ...ok, seq: 0 })).toThrow(AuditEntryError);
    expect(() => canonicalEntry({ ...ok, at: 1.5 })).toThrow(AuditEntryError);
  });
});

describe('verifyChain', () => {
  const chain = buildChain(20);

  it('accepts an intact chain and reports its head', () => {
    expect(verifyChain(chain, headOf(chain))).toEqual({ ok: true, checked: 20, head: headOf(chain) });
    expect(verifyChain([])).toEqual({ ok: true, checked: 0, head: null });
  });

  it('reports a changed row as tampered, at that row', () => {
    const tampered = chain.map((e) => (e.seq === 7 ? { ...e, detail: { ...e.detail, reason: 'none' } } : e));
    expect(verifyChain(tampered)).toMatchObject({ ok: false, checked: 6, break: { reason: 'tampered', seq: 7, position: 6 } });
  });

  it('reports a row rewritten with a fresh hash at the next link', () => {
    const rewritten = chain.map((e) => {
      if (e.seq !== 7) return e;
      const forged = { ...e, actor: 'someone-else' };
      return { ...forged, hash: entryHash(forged.prevHash, forged) };
    });
    expect(verifyChain(rewritten)).toMatchObject({ ok: false, break: { reason: 'tampered', seq: 8, position: 7 } });
  });

  it('reports a deleted row as missing', () => {
    expect(verifyChain(chain.filter((e) => e.seq !== 9))).toMatchObject({ ok: false, checked: 8, break: { reason: 'missing', seq: 9, position: 8, found: 10 } });
    expect(verifyChain(chain.filter((e) => e.seq !== 1))).toMatchObject({ ok: false, checked: 0, break: { reason: 'missing', seq: 1, position: 0 } });
    expect(verifyChain(chain.filter((e) => e.seq < 5 || e.seq > 7))).toMatchObject({ break: { reason: 'missing', seq: 5, found: 8, message: 'seq 5–7 are missing' } });
  });

  it('reports a deleted last row as missing only against the recorded head', () => {
    expect(verifyChain(chain.slice(0, -1))).toMatchObject({ ok: true });
    expect(verifyChain(chain.slice(0, -1), headOf(chain))).toMatchObject({ ok: false, break: { reason: 'missing', seq: 20, position: 19 } });
  });

  it('reports two swapped rows as reordered, at the first of them', () => {
    expect(verifyChain(swap(chain, 4, 5))).toMatchObject({ ok: false, checked: 4, break: { reason: 'reordered', seq: 5, position: 4, found: 6 } });
    expect(verifyChain(swap(chain, 2, 15))).toMatchObject({ ok: false, checked: 2, break: { reason: 'reordered', seq: 3, position: 2, found: 16 } });
    expect(verifyChain(swap(chain, 18, 19))).toMatchObject({ ok: false, break: { reason: 'reordered', seq: 19, position: 18, found: 20 } });
  });

  it('reports a repeated row as reordered', () => {
    expect(verifyChain([...chain.slice(0, 5), chain[2]!, ...chain.slice(5)])).toMatchObject({ break: { reason: 'reordered', seq: 6, position: 5, found: 3 } });
  });

  it('reports a chain that does not start from the genesis hash', () => {
    const foreign: ChainedAuditEntry[] = [];
    let head: ChainHead | null = { seq: 0, hash: 'ab'.repeat(32) };
    for (const e of chain.slice(0, 3)) {
      const next: ChainedAuditEntry = chainEntry(head, e);
      foreign.push(next);
      head = { seq: next.seq, hash: next.hash };
    }
    expect(verifyChain(foreign)).toMatchObject({ ok: false, checked: 0, break: { reason: 'bad-genesis', seq: 1, position: 0 } });
  });

  it('catches a consistently rewritten tail only against the recorded head', () => {
    const forged = [...chain.slice(0, 15)];
    for (const e of chain.slice(15)) {
      const prev = forged.at(-1)!;
      forged.push(chainEntry({ seq: prev.seq, hash: prev.hash }, { ...e, actor: 'forger' }));
    }
    expect(verifyChain(forged)).toMatchObject({ ok: true });
    expect(verifyChain(forged, headOf(chain))).toMatchObject({ ok: false, break: { reason: 'tampered', seq: 20 } });
    expect(verifyChain(chain, { seq: 18, hash: chain[17]!.hash })).toMatchObject({ ok: false, break: { reason: 'tampered', seq: 19, position: 18 } });
  });
});

describe('ChainVerifier', () => {
  const chain = buildChain(2500);

  it('gives the same answer fed in pages as in one go, also for a break across a page boundary', () => {
    const paged = (entries: ChainedAuditEntry[], size: number) => {
      const v = new ChainVerifier();
      for (let i = 0; i < entries.length; i += size) if (v.push(entries.slice(i, i + size))) break;
      return v.finish();
    };
    expect(paged(chain, 1000)).toEqual(verifyChain(chain));
    const reordered = swap(chain, 999, 1000);
    expect(paged(reordered, 1000)).toEqual(verifyChain(reordered));
    expect(paged(reordered, 1000)).toMatchObject({ break: { reason: 'reordered', seq: 1000, position: 999 } });
    const gap = chain.filter((e) => e.seq !== 1000);
    expect(paged(gap, 999)).toMatchObject({ break: { reason: 'missing', seq: 1000, position: 999 } });
  });

  it('resumes from a head verified earlier', () => {
    const v = new ChainVerifier({ seq: 2000, hash: chain[1999]!.hash });
    v.push(chain.slice(2000));
    expect(v.finish(headOf(chain))).toEqual({ ok: true, checked: 500, head: headOf(chain) });
    const wrong = new ChainVerifier({ seq: 2000, hash: chain[1998]!.hash });
    expect(wrong.push(chain.slice(2000))).toMatchObject({ reason: 'tampered', seq: 2001, position: 0 });
  });
});
