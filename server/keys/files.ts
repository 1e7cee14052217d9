// Key material on disk under <dataDir>/keys/: the trust root, the signing keys' private halves and
// the generated OTP secret. Private files are written 0600 and never served; the only public file
// is trust-roots.public.json, which the PWA build embeds.

import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { dirname, join } from 'node:path';

/**
 * The data dir holds the database and the private keys: only its owner may list or enter it.
 * Made 0700 when missing; an existing one is tightened to 0700 (a copy made with a loose umask).
 */
export function secureDataDir(dataDir: string): void {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  if ((statSync(dataDir).mode & 0o777) !== 0o700) chmodSync(dataDir, 0o700);
}

export interface TrustRootsFile {
  roots: JsonWebKey[];
}

export class KeyFiles {
  readonly dir: string;

  constructor(dataDir: string) {
    this.dir = join(dataDir, 'keys');
  }

  get trustRootPrivatePath(): string {
    return join(this.dir, 'trust-root.private.jwk.json');
  }

  get trustRootsPublicPath(): string {
    return join(this.dir, 'trust-roots.public.json');
  }

  signingKeyPath(kid: string): string {
    if (!/^[A-Za-z0-9_-]+$/.test(kid)) throw new Error(`bad kid ${kid}`);
    return join(this.dir, 'signing', `${kid}.private.jwk.json`);
  }

  readTrustRootPrivate(): JsonWebKey | undefined {
    return this.readJson<JsonWebKey>(this.trustRootPrivatePath);
  }

  readTrustRoots(): TrustRootsFile | undefined {
    return this.readJson<TrustRootsFile>(this.trustRootsPublicPath);
  }

  /** Writes the private key first: a crash between the two leaves no public root without its key. */
  writeTrustRoot(privateJwk: JsonWebKey, publicJwk: JsonWebKey): void {
    this.writePrivate(this.trustRootPrivatePath, privateJwk);
    this.writeAtomic(this.trustRootsPublicPath, `${JSON.stringify({ roots: [publicJwk] } satisfies TrustRootsFile)}\n`, 0o644);
  }

  readSigningKey(kid: string): JsonWebKey | undefined {
    return this.readJson<JsonWebKey>(this.signingKeyPath(kid));
  }

  writeSigningKey(kid: string, privateJwk: JsonWebKey): void {
    this.writePrivate(this.signingKeyPath(kid), privateJwk);
  }

  /** The OTP HMAC secret: read, or made once (32 random bytes) and kept for later starts. */
  otpSecret(): string {
    const path = join(this.dir, 'otp.secret');
    if (existsSync(path)) return readFileSync(path, 'utf8').trim();
    const secret = randomBytes(32).toString('base64url');
    this.writeAtomic(path, `${secret}\n`, 0o600);
    return secret;
  }

  private writePrivate(path: string, jwk: JsonWebKey): void {
    this.writeAtomic(path, `${JSON.stringify(jwk)}\n`, 0o600);
  }

  // Write-then-rename so a reader (or a crash) never sees half a key file.
  private writeAtomic(path: string, text: string, mode: number): void {
    mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
    const tmp = `${path}.${process.pid}.tmp`;
    writeFileSync(tmp, text, { mode });
    chmodSync(tmp, mode);
    renameSync(tmp, path);
  }

  private readJson<T>(path: string): T | undefined {
    if (!existsSync(path)) return undefined;
    try {
      return JSON.parse(readFileSync(path, 'utf8')) as T;
    } catch (e) {
      throw new Error(`${path} is not valid JSON: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
}
