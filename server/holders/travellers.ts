// Inbound travellers: sign-up from a link at the border (identity checked against the registry, an
// account for the phone, a personal link texted), and coming back by that link. The link is a
// random token stored hashed; only the POST behind the page's "continue" spends it, never a GET
// (link previews and SMS scanners fetch links). Signing in is then the usual phone + SMS code.

import { randomBytes } from 'node:crypto';
import type { TravellerSignUp } from '../../shared/api/travellers.js';
import { IdentityRejectedError, NotFoundError } from '../../shared/errors.js';
import { record } from '../audit/log.js';
import { RateLimiter, type RateRule } from '../auth/rate-limit.js';
import { hashToken } from '../auth/sessions.js';
import type { SmsSender } from '../sms/sender.js';
import { maskPhone } from '../sms/sender.js';
import type { IdentityRegistry } from '../registry/registry.js';
import type { Store } from '../store/store.js';
import { verifyIdentity } from './identity-check.js';
import { createPerson } from './members.js';

const HOUR = 3_600_000;
export const TRAVELLER_RULES = {
  linkTtlMs: 30 * 24 * HOUR,
  signUpsPerIpPerHour: 20,
  signUpsPerPhonePerDay: 5,
  linkOpensPerIpPerHour: 30,
} as const;

/**
 * The limits every first use shares, a traveller's and a resident's (one count for both): each try
 * runs a registry look-up and may text a phone.
 */
export function signUpRules(ip: string, phone: string): RateRule[] {
  const tooMany = 'Too many sign-ups were tried; try again later.';
  return [
    { key: `sign-up:ip:${ip}`, windowMs: HOUR, limit: TRAVELLER_RULES.signUpsPerIpPerHour, code: 'rate_limited', message: tooMany },
    { key: `sign-up:phone:${phone}`, windowMs: 24 * HOUR, limit: TRAVELLER_RULES.signUpsPerPhonePerDay, code: 'rate_limited', message: tooMany },
  ];
}


export interface TravellerServiceOptions {
  sms: SmsSender;
  now?: () => number;
  log?: (line: string) => void;
}

export class TravellerService {
  private readonly now: () => number;
  private readonly limiter: RateLimiter;

  constructor(
    private readonly store: Store,
    private readonly registry: IdentityRegistry,
    private readonly options: TravellerServiceOptions,
  ) {
    this.now = options.now ?? Date.now;
    this.limiter = new RateLimiter(store, this.now);
  }

  /**
   * Checks the identity, makes the person and their holder account (or finds the ones this phone
   * made before) and texts the personal link to `${baseUrl}/travel/return?k=…`.
   */
  async signUp(input: TravellerSignUp, ip: string, baseUrl: string): Promise<void> {
    await this.limiter.take(signUpRules(ip, input.phone));
    const at = this.now();
    const identity = await verifyIdentity(this.registry, input, at);
    const { type, number } = identity.document;
    const token = randomBytes(32).toString('base64url');
    const taken = await this.store.transaction(async (tx) => {
      const holder = (await tx.accounts.usersByPhone(input.phone)).find((u) => u.role === 'holder');
      const existing = await tx.people.personByDocument(type, number);
      if (existing) {
        // The same traveller again from the same phone: just a new link. Anyone else: refused.
        if (holder?.person_id !== existing.id) throw new IdentityRejectedError([{ field: 'documentNumber', problem: 'identity-already-registered' }]);
      } else if (holder) {
        // A phone that has an account already, for someone else: the same answer as a sign-up (so
        // the page tells nobody whether a number has an account), nothing made, and the text goes
        // to the phone's owner, who is the one person it may tell.
        return true;
      }
      let userId = holder?.id;
      if (!existing) {
        const person = await createPerson(tx, identity, 'traveller', at, input.country);
        userId = `u-${crypto.randomUUID()}`;
        await tx.accounts.createUser({ id: userId, phone: input.phone, role: 'holder', person_id: person.id, created_at: at });
        await record(tx, { at, actor: { kind: 'system', name: 'traveller-sign-up' }, action: 'traveller.sign-up', targetId: person.id });
      }
      await tx.holders.createLink({ token_hash: hashToken(token), user_id: userId!, created_at: at, expires_at: at + TRAVELLER_RULES.linkTtlMs, used_at: null });
      return false;
    });
    const url = `${baseUrl}/travel/return?k=${token}`;
    try {
      await this.options.sms.send(input.phone, taken ? takenText(`${baseUrl}/signin`) : linkText(url));
    } catch (e) {
      // The account is there; signing in by phone + SMS code works without the link.
      (this.options.log ?? console.error)(`link SMS to ${maskPhone(input.phone)} failed: ${e instanceof Error ? e.message : String(e)}`);
    }
  }

  /** Spends a link (the page's "continue") and says which phone it belongs to, masked. */
  async openLink(token: string, ip: string): Promise<{ maskedPhone: string }> {
    await this.limiter.take([
      { key: `traveller-link:ip:${ip}`, windowMs: HOUR, limit: TRAVELLER_RULES.linkOpensPerIpPerHour, code: 'rate_limited', message: 'Too many links were opened from this network; try again later.' },
    ]);
    const at = this.now();
    const gone = 'This link has expired or has been used. Sign in with your phone number.';
    const link = await this.store.holders.link(hashToken(token));
    if (!link || link.expires_at <= at) throw new NotFoundError(gone);
    if (!(await this.store.holders.useLink(link.token_hash, at))) throw new NotFoundError(gone);
    const user = await this.store.accounts.getUser(link.user_id);
    if (!user) throw new NotFoundError(gone);
    return { maskedPhone: maskPhone(user.phone) };
  }
}

function takenText(signIn: string): string {
  return `【healthgate】有人用此号码申请入境健康码，但此号码已有账号。如是您本人，请用此号码登录：${signIn} Someone used this number to sign up for an inbound health code, but it already has an account. If it was you, sign in with it: ${signIn}`;
}

function linkText(url: string): string {
  return `【healthgate】您的入境健康码个人链接：${url} 再次使用时打开此链接。Your inbound health code link: ${url}`;
}
