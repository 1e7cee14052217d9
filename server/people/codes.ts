// Issuing health codes: a fresh code for the signed-in holder's own person, or for any person
// from the CLI (a printed code for someone without a phone), signed by the active key.

import type { MyCode } from '../../shared/api/people.js';
import { fromBase64Url, randomBytes } from '../../shared/bytes.js';
import { RED_REASONS, type CodeKind, type HealthClaims, type RedReason } from '../../shared/code/claims.js';
import { issueCode } from '../../shared/code/issue.js';
import { NoCodeError } from '../../shared/errors.js';
import { maskName } from '../../shared/names.js';
import { nationalView } from '../authority/rules.js';
import type { KeyRing } from '../keys/keyring.js';
import type { UserActor } from '../auth/actor.js';
import type { Store } from '../store/store.js';

export interface CodeServiceOptions {
  issuer: string;
  ttlHours: number;
  now?: () => number;
}

/** Which phone a code is for: its device key (a compressed P-256 point), or none for an unbound code. */
export interface CodeBinding {
  cnf?: Uint8Array;
  /** The code's kind; by default the person's own (resident or traveller). A guardian's phone asks for 'dependent'. */
  kind?: CodeKind;
  /** How long it is valid, in seconds; by default the configured phone-code validity. Printed codes last longer. */
  validForSec?: number;
}

export class CodeService {
  private readonly now: () => number;

  constructor(
    private readonly store: Store,
    private readonly keys: KeyRing,
    private readonly options: CodeServiceOptions,
  ) {
    this.now = options.now ?? Date.now;
  }

  /** `bind.cnf`: the phone's device key (people/device-keys.ts), bound into the code so only that phone shows it live. */
  async myCode(user: UserActor, bind: CodeBinding = {}): Promise<MyCode> {
    if (!user.personId) throw new NoCodeError();
    return this.codeFor(user.personId, bind);
  }

  async codeFor(personId: string, bind: CodeBinding = {}): Promise<MyCode> {
    return (await this.issue(personId, bind)).code;
  }

  /** A signed code and its id (cti), for callers that keep track of the codes they hand out (printed codes). */
  async issue(personId: string, bind: CodeBinding = {}): Promise<{ code: MyCode; cti: Uint8Array }> {
    const person = await this.store.people.getPerson(personId);
    if (!person) throw new NoCodeError();
    const iat = Math.floor(this.now() / 1000);
    const reason: RedReason = person.status === 'red' && (RED_REASONS as readonly string[]).includes(person.reason) ? (person.reason as RedReason) : 'none';
    const claims: HealthClaims = {
      iss: this.options.issuer,
      iat,
      exp: iat + (bind.validForSec ?? this.options.ttlHours * 3600),
      cti: randomBytes(8),
      sub: fromBase64Url(person.sub),
      status: person.status,
      reason,
      maskedName: maskName(person.name),
      kind: bind.kind ?? person.kind,
    };
    // A printed code never carries a device key (claimsToCbor refuses it): it has no phone.
    if (bind.cnf && claims.kind !== 'printed') claims.cnf = bind.cnf;
    const text = await issueCode(claims, await this.keys.signer());
    const national = nationalView(person, this.now());
    const code: MyCode = {
      text,
      status: claims.status,
      reason,
      kind: claims.kind,
      maskedName: claims.maskedName,
      issuedAt: iat * 1000,
      expiresAt: claims.exp * 1000,
      ...(national ? { national } : {}),
    };
    return { code, cti: claims.cti };
  }
}
