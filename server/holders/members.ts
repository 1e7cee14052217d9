// The people an account looks after: a traveller's companions (同行人) and a resident's family
// members, each added by name + document checked against the registry. A person is one row per
// document, so a child added by both parents is one person with two guardians. Each member gets
// their own code, signed for them and bound to the asking phone's device key.

import type { Member, MemberRelation } from '../../shared/api/members.js';
import { toBase64Url, randomBytes } from '../../shared/bytes.js';
import type { CodeKind } from '../../shared/code/claims.js';
import { RESIDENT_DOCUMENT_TYPES } from '../../shared/documents.js';
import { AppError, IdentityAlreadyBoundError, IdentityRejectedError, NoCodeError, NotFoundError } from '../../shared/errors.js';
import type { IdentityInput } from '../../shared/identity.js';
import { maskName } from '../../shared/names.js';
import { record } from '../audit/log.js';
import type { Actor, UserActor } from '../auth/actor.js';
import type { IdentityRegistry } from '../registry/registry.js';
import type { UserRow } from '../store/accounts.js';
import type { PersonRow } from '../store/people.js';
import type { Store } from '../store/store.js';
import { verifyIdentity, type VerifiedIdentity } from './identity-check.js';

/** The kind of code a member's phone code is: their own (resident or traveller), or a dependant's. */
export function memberKind(relation: MemberRelation, person: Pick<PersonRow, 'kind'>): CodeKind {
  if (relation === 'self') return person.kind;
  return relation === 'companion' ? 'traveller' : 'dependent';
}

export class MemberService {
  constructor(
    private readonly store: Store,
    private readonly registry: IdentityRegistry,
    private readonly now: () => number = Date.now,
  ) {}

  /** The account's own person first, then the people it looks after in the order they were added. */
  async list(user: UserActor): Promise<Member[]> {
    const own = user.personId ? await this.store.people.getPerson(user.personId) : undefined;
    const wards = await this.store.holders.wardsOf(user.id);
    return [
      ...(own ? [toMember(own, 'self')] : []),
      ...wards.map((w) => toMember(w, w.relation)),
    ];
  }

  async add(user: UserActor, input: IdentityInput): Promise<Member> {
    const own = user.personId ? await this.store.people.getPerson(user.personId) : undefined;
    if (!own) throw new NoCodeError();
    const at = this.now();
    const identity = await verifyIdentity(this.registry, input, at);
    const { type, number } = identity.document;
    const relation: MemberRelation = own.kind === 'traveller' ? 'companion' : 'family';
    return this.store.transaction(async (tx) => {
      let person = await tx.people.personByDocument(type, number);
      if (person?.id === own.id) throw new IdentityRejectedError([{ field: 'documentNumber', problem: 'identity-is-you' }]);
      person ??= await createPerson(tx, identity, relation === 'companion' ? 'traveller' : 'resident', at);
      if (await tx.holders.addGuardianship({ user_id: user.id, person_id: person.id, relation, created_at: at })) {
        await record(tx, { at, actor: user, action: 'member.add', targetId: person.id, detail: { relation } });
      }
      const held = await tx.holders.guardianship(user.id, person.id);
      return toMember(person, held!.relation);
    });
  }

  async remove(user: UserActor, personId: string): Promise<void> {
    const at = this.now();
    await this.store.transaction(async (tx) => {
      if (!(await tx.holders.removeGuardianship(user.id, personId))) throw new NotFoundError('No such member on this account.');
      await record(tx, { at, actor: user, action: 'member.remove', targetId: personId });
    });
  }

  /**
   * A resident binds their own account (signed in by phone, no person yet) to their mainland ID card
   * or Home Return Permit, checked as every typed identity is.
   */
  async bindOwn(user: UserActor, input: IdentityInput): Promise<PersonRow> {
    if (user.personId) throw new IdentityAlreadyBoundError();
    const at = this.now();
    const identity = await this.verifyResident(input, at);
    return this.bindIdentity(user.id, user, identity, at);
  }

  /** A resident's own document through the registry check: a mainland ID card or Home Return Permit only. */
  async verifyResident(input: IdentityInput, at: number): Promise<VerifiedIdentity> {
    if (!RESIDENT_DOCUMENT_TYPES.includes(input.documentType)) {
      throw new IdentityRejectedError([{ field: 'documentType', problem: 'identity-resident-document' }]);
    }
    return verifyIdentity(this.registry, input, at);
  }

  /**
   * Binds an account to a verified identity: the document's person is found (a family member someone
   * added is that person) or made; one another account holds is refused. `newAccount`: the account
   * is made in the same transaction first (a resident signing up), so a refusal leaves none behind.
   */
  async bindIdentity(userId: string, actor: Actor, identity: VerifiedIdentity, at: number, newAccount?: UserRow): Promise<PersonRow> {
    const { type, number } = identity.document;
    const taken = () => new IdentityRejectedError([{ field: 'documentNumber', problem: 'identity-already-registered' }]);
    try {
      return await this.store.transaction(async (tx) => {
        if (newAccount) await tx.accounts.createUser(newAccount);
        const found = await tx.people.personByDocument(type, number);
        if (found && (await tx.accounts.holderOfPerson(found.id))) throw taken();
        const person = found ?? (await createPerson(tx, identity, 'resident', at));
        if (!(await tx.accounts.bindPerson(userId, person.id))) throw new IdentityAlreadyBoundError();
        // A guardian's own record of this person stays: they still look after them.
        const action = newAccount ? 'resident.sign-up' : 'identity.bind';
        await record(tx, { at, actor, action, targetId: person.id, detail: { documentType: type, newPerson: !found } });
        return person;
      });
    } catch (e) {
      // Two phones binding one document at once: the unique index lets one win; the other is told
      // as if it had come second. Anything else is what it is.
      if (e instanceof AppError) throw e;
      const winner = await this.store.people.personByDocument(type, number);
      const holder = winner ? await this.store.accounts.holderOfPerson(winner.id) : undefined;
      if (holder && holder.id !== userId) throw taken();
      throw e;
    }
  }

  /** The member the account may act for (its own person or a ward), with the relation; NotFoundError otherwise. */
  async memberOf(user: UserActor, personId: string): Promise<{ person: PersonRow; relation: MemberRelation }> {
    if (personId === user.personId) {
      const person = await this.store.people.getPerson(personId);
      if (person) return { person, relation: 'self' };
    }
    const held = await this.store.holders.guardianship(user.id, personId);
    const person = held ? await this.store.people.getPerson(personId) : undefined;
    // Someone else's member and no member at all answer the same: the id tells nothing.
    if (!held || !person) throw new NotFoundError('No such member on this account.');
    return { person, relation: held.relation };
  }
}

function toMember(person: PersonRow, relation: MemberRelation): Member {
  return { id: person.id, relation, kind: memberKind(relation, person), maskedName: maskName(person.name) };
}

/** A person for a verified identity, green until the authority's feeds say otherwise (members, residents, travellers). */
export async function createPerson(tx: Store, identity: VerifiedIdentity, kind: PersonRow['kind'], at: number, country: string | null = null): Promise<PersonRow> {
  const row = {
    id: `p-${crypto.randomUUID()}`,
    sub: toBase64Url(randomBytes(8)),
    name: identity.entry.name,
    document_type: identity.document.type,
    document_no: identity.document.number,
    country,
    kind,
    status: 'green' as const,
    reason: 'none',
    status_changed_at: at,
    created_at: at,
  };
  await tx.people.createPerson(row);
  return { ...row, status_until: null, national_state: null, national_state_at: null };
}
