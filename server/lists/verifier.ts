// The server's CodeVerifier: shared verifyCode over the server's own trust store (every key it
// ever had, in its current state) and its live red list, both dated "now" so they are never
// stale. Both are cached per version — rebuilding them per call would cost far more than the
// signature check itself — and dropped when the key ring or the red list reports a change.

import { verifyCode, type Verdict, type VerifyOptions } from '../../shared/code/verify.js';
import { loadTrustStore, type TrustStore } from '../../shared/trust.js';
import type { KeyRing } from '../keys/keyring.js';
import type { RedListService } from './redlist.js';
import type { TrustService } from './trust.js';

/** How the merge re-verifies a code: the same verifyCode the devices run. */
export interface CodeVerifier {
  verify(text: string, now: number): Promise<Verdict>;
}

export class ServerCodeVerifier implements CodeVerifier {
  private cached: { version: number; store: Promise<TrustStore> } | undefined;

  constructor(
    private readonly keys: KeyRing,
    private readonly trust: TrustService,
    private readonly redList: RedListService,
    /** The deployment's live-code policy (the transition switch, the tolerance): the gates get the same. */
    private readonly options: Pick<VerifyOptions, 'acceptWithoutProof' | 'liveToleranceMs' | 'maxValidityHours'> = {},
  ) {
    keys.onChange(() => {
      this.cached = undefined;
    });
  }

  async verify(text: string, now: number): Promise<Verdict> {
    const [trust, redList] = await Promise.all([this.trustStore(), this.redList.current(now)]);
    return verifyCode(text, { ...trust, issuedAt: now }, redList, now, this.options);
  }

  private async trustStore(): Promise<TrustStore> {
    const version = await this.keys.currentVersion();
    if (this.cached?.version !== version) {
      const store = this.trust.trustList(0).then(loadTrustStore);
      store.catch(() => {
        if (this.cached?.store === store) this.cached = undefined; // do not cache a failure
      });
      this.cached = { version, store };
    }
    return this.cached.store;
  }
}
