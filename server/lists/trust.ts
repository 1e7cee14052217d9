// The trust list devices verify codes with: every signing key in its state, signed by the trust
// root in an envelope. issuedAt is the moment of signing, so a device measures the list's age
// from the last time it actually heard from the server.

import { sealEnvelope, type Envelope } from '../../shared/envelope.js';
import type { TrustKey, TrustList } from '../../shared/trust.js';
import type { KeyRing } from '../keys/keyring.js';

export class TrustService {
  constructor(
    private readonly keys: KeyRing,
    private readonly issuer: string,
    private readonly now: () => number = Date.now,
  ) {}

  async trustList(issuedAt = this.now()): Promise<TrustList> {
    // Version before keys: if a change lands in between, the next fetch repeats the newer
    // version with the same keys, which devices accept; the other order could pin old keys.
    const version = await this.keys.trustVersion();
    const keys = (await this.keys.list()).map(
      ({ kid, jwk, validFrom, validTo, state, withdrawnFrom }): TrustKey => ({ kid, jwk, validFrom, validTo, state, ...(withdrawnFrom === undefined ? {} : { withdrawnFrom }) }),
    );
    return { v: 1, iss: this.issuer, version: Math.max(version, 1), issuedAt, keys };
  }

  async envelope(): Promise<Envelope> {
    const root = await this.keys.trustRoot();
    return sealEnvelope(await this.trustList(), root.privateKey, root.kid);
  }
}
