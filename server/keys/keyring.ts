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
import type { KeyFiles } from './files.js';

export const TRUST_VERSION_SETTING = 'trust_version';
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

  /** A new active key; the previous active key becomes retired (its codes keep verifying). */
  async createSigningKey(actor: Actor): Promise<KeyInfo> {
    const pair = await generateSigningKey();
    const kid = toBase64Url(await kidOf(pair.publicKey));
    const jwk = await publicJwkOf(pair.publicKey);
    // The private half is on disk before the database names the key, so an active key always has one.
    this.files.writeSigningKey(kid, await crypto.subtle.exportKey('jwk', pair.privateKey));
    const now = this.now();
    // Codes carry iat in whole seconds: start validity on the second so a code made now verifies.
    const validFrom = now - (now % 1000);
    const row = { kid, public_jwk: JSON.stringify(jwk), valid_from: validFrom, valid_to: validFrom + KEY_LIFETIME_MS, state: 'active' as const, created_at: now };
    await this.store.transaction(async (tx) => {
      for (const old of await tx.keys.signingKeys()) {
        if (old.state === 'active') await tx.keys.setKeyState(old.kid, 'retired', Math.min(old.valid_to, now + RETIRE_GRACE_MS));
      }
      await tx.keys.addSigningKey(row);
      await tx.settings.incrementCounter(TRUST_VERSION_SETTING);
      await record(tx, { at: now, actor, action: 'signing-key.create', targetId: kid });
    });
    this.changed();
    return toKeyInfo(row);
  }

  /**
   * Withdraws a key: its codes stop verifying everywhere once devices fetch the new trust list.
   * Withdrawing the active key makes a new active key in its place, so codes keep being issued.
   */
  async withdraw(kid: string, actor: Actor): Promise<{ replacement: KeyInfo | undefined }> {
    const key = await this.store.keys.getSigningKey(kid);
    if (!key) throw new Error(`No signing key ${kid}.`);
    if (key.state === 'withdrawn') return { replacement: undefined };
    const now = this.now();
    await this.store.transaction(async (tx) => {
      await tx.keys.setKeyState(kid, 'withdrawn');
      await tx.settings.incrementCounter(TRUST_VERSION_SETTING);
      await record(tx, { at: now, actor, action: 'signing-key.withdraw', targetId: kid, detail: { was: key.state } });
    });
    this.changed();
    return { replacement: key.state === 'active' ? await this.createSigningKey(actor) : undefined };
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

function toKeyInfo(row: { kid: string; public_jwk: string; valid_from: number; valid_to: number; state: KeyState; created_at: number }): KeyInfo {
  const jwk = JSON.parse(row.public_jwk) as { x: string; y: string };
  return {
    kid: row.kid,
    jwk: { kty: 'EC', crv: 'P-256', x: jwk.x, y: jwk.y },
    validFrom: row.valid_from,
    validTo: row.valid_to,
    state: row.state,
    createdAt: row.created_at,
  };
}
