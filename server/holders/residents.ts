// Residents signing up (issue 7 §2), the traveller's first use for a resident: the real-name check
// (the same rules and registry as every typed identity), then an SMS code to the phone, and only once
// the code proves the phone the account exists, bound to that person. OTP sign-in texts only known
// numbers (server/auth/otp.ts); this is the one other way a code reaches an unknown number, after a
// registry match and under the sign-up limits travellers have. Nothing is made before the code, so
// the answer is the same whether the number has an account or not.

import type { OtpRequestResponse } from '../../shared/api/auth.js';
import type { ResidentSignUp, ResidentVerify } from '../../shared/api/residents.js';
import { IdentityRejectedError } from '../../shared/errors.js';
import type { Actor } from '../auth/actor.js';
import type { OtpService } from '../auth/otp.js';
import { RateLimiter } from '../auth/rate-limit.js';
import type { Store } from '../store/store.js';
import type { VerifiedIdentity } from './identity-check.js';
import type { MemberService } from './members.js';
import { signUpRules } from './travellers.js';

const SIGN_UP: Actor = { kind: 'system', name: 'resident-sign-up' };

export class ResidentService {
  private readonly limiter: RateLimiter;

  constructor(
    private readonly store: Store,
    private readonly members: MemberService,
    private readonly otp: OtpService,
    private readonly now: () => number = Date.now,
  ) {
    this.limiter = new RateLimiter(store, now);
  }

  /** The registry check, then a code texted to the phone (OtpService.request's answer and limits). */
  async signUp(input: ResidentSignUp, ip: string): Promise<OtpRequestResponse> {
    await this.limiter.take(signUpRules(ip, input.phone));
    await this.check(input);
    return this.otp.request(input.phone, ip, { textUnknown: true });
  }

  /**
   * Spends the code, then makes the phone's account bound to the person — or, when the phone has an
   * account already, binds it if it has no person yet, and finds it if it is this person's. Returns
   * the phone to sign in. A phone whose account is someone else's is refused at the phone field:
   * its owner has just proved they hold it, so saying so tells nobody else anything.
   */
  async verify(input: ResidentVerify, ip: string): Promise<string> {
    const identity = await this.check(input);
    await this.otp.verify(input.phone, input.code, ip);
    const at = this.now();
    const holder = (await this.store.accounts.usersByPhone(input.phone)).find((u) => u.role === 'holder');
    if (!holder) {
      const id = `u-${crypto.randomUUID()}`;
      await this.members.bindIdentity(id, SIGN_UP, identity, at, { id, phone: input.phone, role: 'holder', person_id: null, created_at: at });
    } else if (holder.person_id === null) {
      await this.members.bindIdentity(holder.id, SIGN_UP, identity, at);
    } else {
      const person = await this.store.people.personByDocument(identity.document.type, identity.document.number);
      if (holder.person_id !== person?.id) throw new IdentityRejectedError([{ field: 'phone', problem: 'phone-taken' }]);
    }
    return input.phone;
  }

  /** The identity, and a refusal when another phone's account holds it (before any code is texted). */
  private async check(input: ResidentSignUp): Promise<VerifiedIdentity> {
    const identity = await this.members.verifyResident(input, this.now());
    const person = await this.store.people.personByDocument(identity.document.type, identity.document.number);
    const holder = person ? await this.store.accounts.holderOfPerson(person.id) : undefined;
    if (holder && holder.phone !== input.phone) throw new IdentityRejectedError([{ field: 'documentNumber', problem: 'identity-already-registered' }]);
    return identity;
  }
}
