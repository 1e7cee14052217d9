// The key ring: the trust root that signs trust and red lists, and the signing keys that sign
// codes — created, rotated and withdrawn here, with every change bumping the trust-list version
// and going to the audit log. Other processes (the CLI) may rotate keys under a running server,
// so the ring re-reads the version at most once per `recheckMs` and drops its caches when it moved.

import { toBase64Url, fromBase64Url } from '../../shared/bytes.js';
import type { CodeSigner } from '../../shared/code/issue.js';
import { generateSigningKey, importPrivateJwk, importPublicJwk, kidOf, publicJwkOf } from '../../shared/code/keys.js';
import type { KeyState, TrustKey } from '../../shared/trust.js';
import { record } from '../audit/log.js';
import type { Actor } from '../auth/actor.js';
import type { Store } from '../store/store.js';
import { NotFoundError, ValidationError } from '../../shared/errors.js';
import type { KeyFiles } from './files.js';

export const TRUST_VERSION_SETTING = 'trust_version';
/** The trust-list version that carried the latest withdrawal. */
export const LAST_WITHDRAWAL_SETTING = 'trust_version_last_withdrawal';
const YEAR = 365 * 86_400_000;
/** A new signing key is valid this long unless retired or withdrawn earlier. */
const KEY_LIFETIME_MS = 5 * YEAR;
/**
 * A retired key stays valid for codes issued this long after retirement: a server process that has
 * not yet noticed a rotation made elsewhere (it rechecks every second) must not issue dead codes.
 */
export const RETIRE_GRACE_MS = 60_000;

export interface KeyInfo extends TrustKey {
  createdAt: number;
}

export interface TrustRoot {
  privateKey: CryptoKey;
  kid: Uint8Array;
  publicJwk: JsonWebKey;
}

export interface KeyRingOptions {
  now?: () => number;
  /** How often to look for key changes made by other processes. */
  recheckMs?: number;
}

export class KeyRing {
  private readonly now: () => number;
  private readonly recheckMs: number;
  private root: TrustRoot | undefined;
  private signerCache: { version: number; signer: CodeSigner & { kidText: string } } | undefined;
  private knownVersion: number | undefined;
  private checkedAt = -Infinity;
  /** The re-read under way: a batch verifying 500 codes at once shares one query. */
  private versionRead: Promise<number> | undefined;
  private readonly listeners = new Set<() => void>();

  constructor(
    private readonly store: Store,
    readonly files: KeyFiles,
    options: KeyRingOptions = {},
  ) {
    this.now = options.now ?? Date.now;
    this.recheckMs = options.recheckMs ?? 1000;
  }

  /** Creates the trust root and a first active signing key when missing. Safe to run on every start. */
  async ensureKeys(actor: Actor): Promise<{ createdRoot: boolean; createdKid: string | undefined }> {
    let createdRoot = false;
    if (!this.files.readTrustRootPrivate()) {
      const pair = await generateSigningKey();
      const priv = await crypto.subtle.exportKey('jwk', pair.privateKey);
      this.files.writeTrustRoot(priv, await publicJwkOf(pair.publicKey));
      await record(this.store, { at: this.now(), actor, action: 'trust-root.create', targetId: toBase64Url(await kidOf(pair.publicKey)) });
      createdRoot = true;
    }
    const root = await this.trustRoot();
    // Keep the public file in step with the private key, e.g. after someone deleted it.
    const published = this.files.readTrustRoots();
    if (!published?.roots.some((r) => r.x === root.publicJwk.x && r.y === root.publicJwk.y)) {
      this.files.writeTrustRoot(this.files.readTrustRootPrivate()!, root.publicJwk);
    }
    let createdKid: string | undefined;
    const active = (await this.store.keys.signingKeys()).filter((k) => k.state === 'active');
    if (active.length === 0) createdKid = (await this.createSigningKey(actor)).kid;
    else await this.signer();
    return { createdRoot, createdKid };
  }

  async trustRoot(): Promise<TrustRoot> {
    if (this.root) return this.root;
    const priv = this.files.readTrustRootPrivate();
    if (!priv) throw new Error(`No trust root at ${this.files.trustRootPrivatePath}: run \`npm run cli -- keys ensure\`.`);
    const publicJwk = { kty: 'EC', crv: 'P-256', x: priv.x, y: priv.y };
    const pub = await importPublicJwk(publicJwk);
    this.root = { privateKey: await importPrivateJwk(priv), kid: await kidOf(pub), publicJwk };
    return this.root;
  }

  /**
   * A new signing key. Active at once (the previous active key is retired: its codes keep
   * verifying), or on standby: published in the trust list first, so devices know it before it
   * signs its first code, and made active later with activate().
   */
  async createSigningKey(actor: Actor, options: { standby?: boolean } = {}): Promise<KeyInfo> {
    const pair = await generateSigningKey();
    const kid = toBase64Url(await kidOf(pair.publicKey));
    const jwk = await publicJwkOf(pair.publicKey);
    // The private half is on disk before the database names the key, so an active key always has one.
    this.files.writeSigningKey(kid, await crypto.subtle.exportKey('jwk', pair.privateKey));
    const now = this.now();
    // Codes carry iat in whole seconds: start validity on the second so a code made now verifies.
    const validFrom = now - (now % 1000);
    const state = options.standby ? ('standby' as const) : ('active' as const);
    const row = { kid, public_jwk: JSON.stringify(jwk), valid_from: validFrom, valid_to: validFrom + KEY_LIFETIME_MS, state, created_at: now, withdrawn_from: null };
    await this.store.transaction(async (tx) => {
      if (state === 'active') await this.retireActive(tx, now);
      await tx.keys.addSigningKey(row);
      await tx.settings.incrementCounter(TRUST_VERSION_SETTING);
      await record(tx, { at: now, actor, action: 'signing-key.create', targetId: kid, detail: { state } });
    });
    this.changed();
    return toKeyInfo(row);
  }

  /** Makes a standby key the active one; the active key is retired. */
  async activate(kid: string, actor: Actor): Promise<KeyInfo> {
    const key = await this.store.keys.getSigningKey(kid);
    if (!key) throw new NotFoundError(`No signing key ${kid}.`);
    if (key.state === 'active') return toKeyInfo(key);
    if (key.state !== 'standby') throw new ValidationError(`Only a standby key can be made active; ${kid} is ${key.state}.`);
    if (!this.files.readSigningKey(kid)) throw new ValidationError(`Signing key ${kid} has no private key on this server.`);
    const now = this.now();
    await this.store.transaction(async (tx) => {
      await this.retireActive(tx, now);
      await tx.keys.setKeyState(kid, 'active');
      await tx.settings.incrementCounter(TRUST_VERSION_SETTING);
      await record(tx, { at: now, actor, action: 'signing-key.activate', targetId: kid });
    });
    this.changed();
    return toKeyInfo((await this.store.keys.getSigningKey(kid))!);
  }

  /**
   * Retires a key: it signs no more and its codes verify until they expire. Retiring the active
   * key makes a new active key (the newest standby one, or a fresh one) so codes keep being issued.
   */
  async retire(kid: string, actor: Actor): Promise<{ replacement: KeyInfo | undefined }> {
    const key = await this.store.keys.getSigningKey(kid);
    if (!key) throw new NotFoundError(`No signing key ${kid}.`);
    if (key.state === 'retired' || key.state === 'withdrawn') return { replacement: undefined };
    if (key.state === 'active') {
      const standby = (await this.store.keys.signingKeys()).filter((k) => k.state === 'standby' && this.files.readSigningKey(k.kid)).at(-1);
      return { replacement: standby ? await this.activate(standby.kid, actor) : await this.createSigningKey(actor) };
    }
    const now = this.now();
    await this.store.transaction(async (tx) => {
      await tx.keys.setKeyState(kid, 'retired', Math.min(key.valid_to, now + RETIRE_GRACE_MS));
      await tx.settings.incrementCounter(TRUST_VERSION_SETTING);
      await record(tx, { at: now, actor, action: 'signing-key.retire', targetId: kid, detail: { was: key.state } });
    });
    this.changed();
    return { replacement: undefined };
  }

  private async retireActive(tx: Store, now: number): Promise<void> {
    for (const old of await tx.keys.signingKeys()) {
      if (old.state === 'active') await tx.keys.setKeyState(old.kid, 'retired', Math.min(old.valid_to, now + RETIRE_GRACE_MS));
    }
  }

  /**
   * Withdraws a compromised key from a point in time: codes it signed before `from` stay valid,
   * codes signed at or after it are refused by every verifier once it has the new trust list.
   * Without `from`, every code it ever signed. Withdrawing again can only move the point earlier.
   * Withdrawing the active key makes a new active key in its place, so codes keep being issued —
   * and a holder whose code it signed gets one from the new key on their next refresh.
   */
  async withdraw(kid: string, actor: Actor, from?: number): Promise<{ replacement: KeyInfo | undefined; withdrawnFrom: number | null }> {
    const key = await this.store.keys.getSigningKey(kid);
    if (!key) throw new NotFoundError(`No signing key ${kid}.`);
    const now = this.now();
    if (from !== undefined && (!Number.isSafeInteger(from) || from > now)) throw new ValidationError('A withdrawal starts at a time that has already come.');
    // A point at or before the key's start is the same as "all of its codes".
    const point: number | null = from === undefined || from <= key.valid_from ? null : from;
    if (key.state === 'withdrawn') {
      const held = key.withdrawn_from;
      if (held === null || (point !== null && point >= held)) return { replacement: undefined, withdrawnFrom: held };
    }
    await this.store.transaction(async (tx) => {
      await tx.keys.withdrawKey(kid, point);
      const version = await tx.settings.incrementCounter(TRUST_VERSION_SETTING);
      // The console counts the gate devices that have taken this version (adoption).
      await tx.settings.set(LAST_WITHDRAWAL_SETTING, String(version));
      await record(tx, { at: now, actor, action: 'signing-key.withdraw', targetId: kid, detail: { was: key.state, from: point } });
    });
    this.changed();
    return { replacement: key.state === 'active' ? await this.createSigningKey(actor) : undefined, withdrawnFrom: point };
  }

  async list(): Promise<KeyInfo[]> {
    return (await this.store.keys.signingKeys()).map(toKeyInfo);
  }

  async trustVersion(): Promise<number> {
    return Number((await this.store.settings.get(TRUST_VERSION_SETTING)) ?? '0');
  }

  /** The active key's private half, for issuing codes. */
  async signer(): Promise<CodeSigner & { kidText: string }> {
    const version = await this.currentVersion();
    if (this.signerCache?.version === version) return this.signerCache.signer;
    const active = (await this.store.keys.signingKeys()).filter((k) => k.state === 'active').at(-1);
    if (!active) throw new Error('No active signing key: run `npm run cli -- keys ensure`.');
    const priv = this.files.readSigningKey(active.kid);
    if (!priv) {
      throw new Error(`Active signing key ${active.kid} has no private key at ${this.files.signingKeyPath(active.kid)}: run \`npm run cli -- keys create\`.`);
    }
    const signer = { privateKey: await importPrivateJwk(priv), kid: fromBase64Url(active.kid), kidText: active.kid };
    this.signerCache = { version, signer };
    return signer;
  }

  /** The trust-list version, re-read from the store at most once per recheckMs. */
  /** The trust list's version when it was checked within the last recheck period, else undefined (ask currentVersion). */
  freshVersion(): number | undefined {
    return this.knownVersion !== undefined && performance.now() - this.checkedAt < this.recheckMs ? this.knownVersion : undefined;
  }

  async currentVersion(): Promise<number> {
    const t = performance.now();
    if (this.knownVersion !== undefined && t - this.checkedAt < this.recheckMs) return this.knownVersion;
    this.versionRead ??= this.trustVersion()
      .then((version) => {
        this.checkedAt = t;
        if (this.knownVersion !== undefined && version !== this.knownVersion) this.notify();
        this.knownVersion = version;
        return version;
      })
      .finally(() => {
        this.versionRead = undefined;
      });
    return this.versionRead;
  }

  /** Called after any key change, here or (noticed by currentVersion) in another process. */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private changed(): void {
    this.knownVersion = undefined;
    this.signerCache = undefined;
    this.notify();
  }

  private notify(): void {
    for (const l of this.listeners) l();
  }

}

function toKeyInfo(row: { kid: string; public_jwk: string; valid_from: number; valid_to: number; state: KeyState; created_at: number; withdrawn_from: number | null }): KeyInfo {
  const jwk = JSON.parse(row.public_jwk) as { x: string; y: string };
  return {
    kid: row.kid,
    jwk: { kty: 'EC', crv: 'P-256', x: jwk.x, y: jwk.y },
    validFrom: row.valid_from,
    validTo: row.valid_to,
    state: row.state,
    ...(row.state === 'withdrawn' && row.withdrawn_from !== null ? { withdrawnFrom: row.withdrawn_from } : {}),
    createdAt: row.created_at,
  };
}
