// Printed codes ("physical codes") for people without a phone: no device key, longer validity, a
// reprint counter, and revocable offline — printing again, or any status change, puts the old
// printout's code id on the red list, so a gate catches an old sheet without a network.

import type { PrintedCode } from '../../shared/api/members.js';
import { toBase64Url } from '../../shared/bytes.js';
import { record } from '../audit/log.js';
import type { UserActor } from '../auth/actor.js';
import { RED_LIST_CLOCK_MARGIN_MS } from '../authority/rules.js';
import type { RedListService } from '../lists/redlist.js';
import type { CodeService } from '../people/codes.js';
import type { Store } from '../store/store.js';
import type { MemberService } from './members.js';

export interface PrintedCodeOptions {
  validDays: number;
  now?: () => number;
}

export class PrintedCodeService {
  private readonly now: () => number;

  constructor(
    private readonly store: Store,
    private readonly codes: CodeService,
    private readonly members: MemberService,
    private readonly redList: RedListService,
    private readonly options: PrintedCodeOptions,
  ) {
    this.now = options.now ?? Date.now;
  }

  /** A new printed code for the account's own person or a member; every earlier printout of theirs is revoked. */
  async print(user: UserActor, personId: string): Promise<PrintedCode> {
    const { person } = await this.members.memberOf(user, personId);
    const { code, cti } = await this.codes.issue(person.id, { kind: 'printed', validForSec: this.options.validDays * 86_400 });
    const id = toBase64Url(cti);
    const at = this.now();
    // The red list's salt is read (made, the first time) through the store, outside the transaction:
    // read inside it, on SQLite's one connection, the first reprint after a start waited for itself.
    await this.redList.salt();
    const { seq, revoked } = await this.store.transaction(async (tx) => {
      await tx.redList.lockForWrite();
      const revoked = await revokeAll(tx, this.redList, [person.id], at);
      const seq = ((await tx.holders.printedCodesOf(person.id))[0]?.seq ?? 0) + 1;
      await tx.holders.createPrintedCode({ id, person_id: person.id, seq, issued_at: code.issuedAt, expires_at: code.expiresAt, revoked_at: null });
      await record(tx, { at, actor: user, action: 'printed-code.issue', targetId: person.id, detail: { seq, revoked: revoked.length } });
      return { seq, revoked };
    });
    if (revoked.length > 0) this.redList.changed();
    return { ...code, seq };
  }
}

/**
 * Revokes these people's printed codes that are still out there and lists their ids on the red list,
 * each entry kept until its printout would have expired anyway. Call inside the transaction that
 * changes the people (and holds the red list's write lock); batched, for imports that turn
 * thousands of people at once.
 */
export async function revokeAll(tx: Store, redList: Pick<RedListService, 'entryFor'>, personIds: readonly string[], at: number): Promise<string[]> {
  const codes = await tx.holders.revokePrintedCodes(personIds, at);
  if (codes.length === 0) return [];
  const entries = await Promise.all(
    codes.map(async (c) => ({ entry: await redList.entryFor(c.id), personId: c.person_id, expiresAt: c.expires_at + RED_LIST_CLOCK_MARGIN_MS })),
  );
  await tx.redList.addMany(entries, at);
  return codes.map((c) => c.id);
}
