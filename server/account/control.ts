// What a person does to their account itself: prove the phone again (a fresh SMS code), change or
// unbind the phone, export everything held about them, and delete the account. Changing or giving
// up the account needs this session to have been re-verified in the last 5 minutes; afterwards
// every session of the account ends. Each change is audited in the transaction that makes it.

import { randomBytes } from 'node:crypto';
import {
  DELETED_CATEGORIES,
  KEPT_CATEGORIES,
  REVERIFY_FRESH_MS,
  type AccountExport,
  type BoundPhone,
  type DeletionReceipt,
  type ExportedPerson,
} from '../../shared/api/account.js';
import type { OtpRequestResponse } from '../../shared/api/auth.js';
import { PhoneTakenError, ReverifyRequiredError, UnauthenticatedError } from '../../shared/errors.js';
import type { UserActor } from '../auth/actor.js';
import type { OtpService } from '../auth/otp.js';
import { record } from '../audit/log.js';
import type { RecordsService } from '../records/service.js';
import type { UserRow } from '../store/accounts.js';
import type { PersonRow } from '../store/people.js';
import type { Store } from '../store/store.js';
import type { DeviceSessionService } from './sessions.js';

/** Export: every temperature check, not only the page's newest. */
const ALL_CHECKS = 100_000;

export class AccountControlService {
  constructor(
    private readonly store: Store,
    private readonly otp: OtpService,
    private readonly records: RecordsService,
    private readonly devices: DeviceSessionService,
    private readonly now: () => number = Date.now,
  ) {}

  private async user(actor: UserActor): Promise<UserRow> {
    const user = await this.store.accounts.getUser(actor.id);
    if (!user) throw new UnauthenticatedError();
    return user;
  }

  private async freshUntil(actor: UserActor): Promise<number | null> {
    const session = actor.sessionId ? await this.store.auth.getSession(actor.sessionId) : undefined;
    const at = session?.reverified_at;
    return at != null && this.now() - at < REVERIFY_FRESH_MS ? at + REVERIFY_FRESH_MS : null;
  }

  private async requireFresh(actor: UserActor): Promise<void> {
    if ((await this.freshUntil(actor)) === null) throw new ReverifyRequiredError();
  }

  async requestReverify(actor: UserActor, ip: string): Promise<OtpRequestResponse> {
    return this.otp.request((await this.user(actor)).phone, ip);
  }

  async reverify(actor: UserActor, code: string, ip: string): Promise<{ freshUntil: number }> {
    await this.otp.verify((await this.user(actor)).phone, code, ip);
    if (!actor.sessionId) throw new UnauthenticatedError();
    const now = this.now();
    await this.store.auth.markReverified(actor.sessionId, now);
    return { freshUntil: now + REVERIFY_FRESH_MS };
  }

  async phone(actor: UserActor): Promise<BoundPhone> {
    const user = await this.user(actor);
    const records = actor.personId ? await this.records.mine(actor, ALL_CHECKS) : undefined;
    const count = records ? records.tests.length + records.entries.length + records.notices.length + records.temperatureChecks.length + records.codeDisplays.length : 0;
    const familyMembers = (await this.store.holders.wardsOf(user.id)).length;
    return { phone: user.phone, boundSince: user.created_at, familyMembers, records: count, freshUntil: await this.freshUntil(actor) };
  }

  private async refuseTaken(phone: string, userId: string): Promise<void> {
    const others = (await this.store.accounts.usersByPhone(phone)).filter((u) => u.role === 'holder' && u.id !== userId);
    if (others.length > 0) throw new PhoneTakenError();
  }

  async requestNewPhone(actor: UserActor, phone: string, ip: string): Promise<OtpRequestResponse> {
    await this.requireFresh(actor);
    await this.refuseTaken(phone, actor.id);
    return this.otp.request(phone, ip, { textUnknown: true });
  }

  async changePhone(actor: UserActor, phone: string, code: string, ip: string): Promise<void> {
    await this.requireFresh(actor);
    await this.refuseTaken(phone, actor.id);
    await this.otp.verify(phone, code, ip);
    const at = this.now();
    await this.store.transaction(async (tx) => {
      await tx.accountControl.setPhone(actor.id, phone);
      const ended = await tx.auth.deleteSessionsOfUser(actor.id);
      await record(tx, { at, actor, action: 'account.change-phone', targetId: actor.id, detail: { sessionsEnded: ended } });
    });
  }

  /** The number is free afterwards: it can be bound to an account again later. */
  async unbindPhone(actor: UserActor): Promise<void> {
    await this.requireFresh(actor);
    const at = this.now();
    await this.store.transaction(async (tx) => {
      await tx.accountControl.setPhone(actor.id, `unbound:${actor.id}`);
      await tx.accountControl.deleteDeviceKeys(actor.id);
      const ended = await tx.auth.deleteSessionsOfUser(actor.id);
      await record(tx, { at, actor, action: 'account.unbind-phone', targetId: actor.id, detail: { sessionsEnded: ended } });
    });
  }

  /** The person's own row, status history and printed codes, as the export holds them. */
  private async exportedPerson(person: PersonRow): Promise<ExportedPerson> {
    const [events, printed] = await Promise.all([this.store.status.events(person.id), this.store.holders.printedCodesOf(person.id)]);
    return {
      id: person.id,
      name: person.name,
      documentType: person.document_type,
      documentNumber: person.document_no,
      country: person.country,
      kind: person.kind,
      status: person.status,
      reason: person.reason,
      statusChangedAt: person.status_changed_at,
      statusHistory: events.map((e) => ({ at: e.at, fromStatus: e.from_status, status: e.status, reason: e.reason, cause: e.cause })),
      printCount: printed[0]?.seq ?? 0,
      printedCodes: [...printed].reverse().map((c) => ({ id: c.id, seq: c.seq, issuedAt: c.issued_at, expiresAt: c.expires_at, revokedAt: c.revoked_at })),
    };
  }

  /** Everything held about the account, its person and the people it looks after (family members, companions). */
  async exportFor(actor: UserActor): Promise<AccountExport> {
    const user = await this.user(actor);
    const person = user.person_id ? await this.store.people.getPerson(user.person_id) : undefined;
    const [own, records, wards, sessions, keys] = await Promise.all([
      person ? this.exportedPerson(person) : null,
      person ? this.records.recordsOf(person, ALL_CHECKS) : null,
      this.store.holders.wardsOf(user.id),
      this.devices.list(actor),
      this.store.deviceKeys.ofUser(actor.id),
    ]);
    const familyMembers = [];
    for (const ward of wards) {
      familyMembers.push({
        ...(await this.exportedPerson(ward)),
        relation: ward.relation,
        addedAt: ward.added_at,
        records: await this.records.recordsOf(ward, ALL_CHECKS),
      });
    }
    const at = this.now();
    await record(this.store, { at, actor, action: 'account.export', targetId: actor.id, detail: { familyMembers: familyMembers.length } });
    return {
      exportedAt: at,
      account: { id: user.id, role: user.role, phone: user.phone, createdAt: user.created_at },
      person: own,
      records,
      familyMembers,
      sessions,
      deviceKeys: keys.map((k) => ({ keyId: k.key_id, createdAt: k.created_at, lastUsedAt: k.last_used_at })),
    };
  }

  /**
   * Deletes what only the person needs (phone, name, document number, devices, code displays) and
   * keeps, under the person's random id, what public-health law requires (tests, entries, notices,
   * venue checks, status history, the audit log). The account row stays so those rows still point
   * somewhere; it can never sign in again.
   */
  async deleteAccount(actor: UserActor): Promise<DeletionReceipt> {
    await this.requireFresh(actor);
    const user = await this.user(actor);
    const at = this.now();
    const receipt: DeletionReceipt = {
      receiptId: randomBytes(12).toString('base64url'),
      deletedAt: at,
      deleted: [...DELETED_CATEGORIES],
      keptPseudonymised: [...KEPT_CATEGORIES],
      pseudonym: user.person_id ?? user.id,
    };
    await this.store.transaction(async (tx) => {
      await tx.accountControl.setPhone(user.id, `deleted:${user.id}`);
      if (user.person_id) await tx.accountControl.forgetPersonIdentity(user.person_id);
      // The label an organisation knew the person by goes; their declarations stay, like other health records.
      if (user.person_id) await tx.orgs.removeMemberships(user.person_id);
      await tx.accountControl.deleteDeviceKeys(user.id);
      await tx.accountControl.deleteCodeDisplays(user.id);
      await tx.auth.deleteSessionsOfUser(user.id);
      await tx.accountControl.recordDeletion({
        receipt_id: receipt.receiptId,
        user_id: user.id,
        person_id: user.person_id,
        deleted_at: at,
        summary: JSON.stringify({ deleted: receipt.deleted, keptPseudonymised: receipt.keptPseudonymised }),
      });
      await record(tx, { at, actor, action: 'account.delete', targetId: user.id, detail: { receiptId: receipt.receiptId } });
    });
    return receipt;
  }
}

