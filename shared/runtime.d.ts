// The few globals that both browsers and Node ≥ 20 provide and that shared/ may use.
// shared/ compiles with lib ES2022 only (no DOM, no Node types), so they are declared here,
// and web/ and server/ leave this file out because their own libs declare the real ones.

interface CryptoKey {
  readonly type: 'public' | 'private' | 'secret';
  readonly algorithm: { name: string };
  readonly extractable: boolean;
  readonly usages: string[];
}
interface CryptoKeyPair {
  privateKey: CryptoKey;
  publicKey: CryptoKey;
}
interface JsonWebKey {
  kty?: string;
  crv?: string;
  x?: string;
  y?: string;
  d?: string;
  k?: string;
  alg?: string;
  ext?: boolean;
  key_ops?: string[];
}
type BufferSource = ArrayBufferView | ArrayBuffer;
type KeyFormat = 'raw' | 'spki' | 'pkcs8' | 'jwk';
type AlgorithmIdentifier = string | { name: string; [k: string]: unknown };
interface SubtleCrypto {
  digest(algorithm: AlgorithmIdentifier, data: BufferSource): Promise<ArrayBuffer>;
  sign(algorithm: AlgorithmIdentifier, key: CryptoKey, data: BufferSource): Promise<ArrayBuffer>;
  verify(algorithm: AlgorithmIdentifier, key: CryptoKey, signature: BufferSource, data: BufferSource): Promise<boolean>;
  generateKey(algorithm: AlgorithmIdentifier, extractable: boolean, usages: string[]): Promise<CryptoKeyPair | CryptoKey>;
  importKey(format: 'jwk', keyData: JsonWebKey, algorithm: AlgorithmIdentifier, extractable: boolean, usages: string[]): Promise<CryptoKey>;
  importKey(format: Exclude<KeyFormat, 'jwk'>, keyData: BufferSource, algorithm: AlgorithmIdentifier, extractable: boolean, usages: string[]): Promise<CryptoKey>;
  exportKey(format: 'jwk', key: CryptoKey): Promise<JsonWebKey>;
  exportKey(format: Exclude<KeyFormat, 'jwk'>, key: CryptoKey): Promise<ArrayBuffer>;
}
// eslint-disable-next-line no-var -- a global declaration must be var
declare var crypto: {
  readonly subtle: SubtleCrypto;
  getRandomValues<T extends ArrayBufferView>(array: T): T;
  randomUUID(): string;
};
declare class TextEncoder {
  encode(input?: string): Uint8Array;
}
declare class TextDecoder {
  constructor(label?: string, options?: { fatal?: boolean });
  decode(input?: BufferSource): string;
}
