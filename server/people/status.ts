// Turning a person red or green: people.status, the red list and the audit log change together
// in one transaction. Used by the CLI now and by the health authority's admin pages later.

import { CODE_STATUSES, RED_REASONS, type CodeStatus, type RedReason } from '../../shared/code/claims.js';
import { NotFoundError, ValidationError } from '../../shared/errors.js';
import { record } from '../audit/log.js';
import type { Actor } from '../auth/actor.js';
import type { RedListService } from '../lists/redlist.js';
import type { Store } from '../store/store.js';
import { revokeAll } from '../holders/printed.js';
import { actorLabel } from '../auth/actor.js';
import { randomBytes, toBase64Url } from '../../shared/bytes.js';
import { redListEntryExpiry } from '../authority/rules.js';

export interface StatusChange {
  personId: string;
  from: CodeStatus;
  to: CodeStatus;
  reason: RedReason;
  redListChanged: boolean;
}

export class StatusService {
  constructor(
    private readonly store: Store,
    private readonly redList: RedListService,
    private readonly now: () => number = Date.now,
    /** The longest validity any code has: how long a red-list entry must be kept. */
    private readonly maxCodeValidityMs: number = 72 * 3600_000,
  ) {}

  /**
   * Any turn to red lists the person's subject: a green code issued before may still be in their
   * hand, and the list holds only a keyed hash, so listing someone who has no code costs nothing.
   */
  async setStatus(personId: string, status: string, reason: string | undefined, actor: Actor): Promise<StatusChange> {
    if (!(CODE_STATUSES as readonly string[]).includes(status)) throw new ValidationError(`status must be green or red, not ${status}`);
    const to = status as CodeStatus;
    // A red code tells the gate why; there is no neutral default to invent one from.
    const why = (to === 'green' ? 'none' : (reason ?? '')) as RedReason;
    if (!RED_REASONS.includes(why) || (to === 'red' && why === 'none')) {
      throw new ValidationError(`a red status needs a reason: one of ${RED_REASONS.filter((r) => r !== 'none').join(', ')}`);
    }
    const entry = await this.redListEntry(personId);
    const at = this.now();
    const change = await this.store.transaction(async (tx) => {
      await tx.redList.lockForWrite();
      const person = await tx.people.getPerson(personId);
      if (!person) throw new NotFoundError(`No person ${personId}.`);
      await tx.people.setStatus(personId, to, why, at);
      const expires = redListEntryExpiry({ listedAt: at, lastCodeIssuedAt: at, maxCodeValidityMs: this.maxCodeValidityMs });
      const subjectChanged = to === 'red' ? await tx.redList.add(entry, personId, at, expires) : await tx.redList.remove(entry, at);
      // Printouts made before the change would say the old status: their ids go on the red list.
      const changed = person.status !== to || person.reason !== why;
      const revoked = changed ? await revokeAll(tx, this.redList, [personId], at) : [];
      const redListChanged = subjectChanged || revoked.length > 0;
      if (changed) {
        await tx.status.appendEvents([{ person_id: personId, at, from_status: person.status, status: to, reason: why, cause: 'manual', actor: actorLabel(actor) }]);
      }
      await record(tx, { at, actor, action: 'person.set-status', targetId: personId, detail: { from: person.status, to, reason: why, redListChanged } });
      return { personId, from: person.status, to, reason: why, redListChanged };
    });
    if (change.redListChanged) this.redList.changed();
    return change;
  }

  /**
   * A correction: the person gets a new subject reference, so their next code (on their next
   * online refresh) is a fresh one, and the old reference goes on the red list, so every code
   * issued before — whatever it said — is refused by gates after their next sync. Status, red list,
   * event and audit entry change together.
   */
  async correct(personId: string, status: string, reason: string | undefined, note: string, actor: Actor): Promise<StatusChange & { oldEntry: string }> {
    const trimmed = note.trim();
    if (trimmed.length < 3 || trimmed.length > 200) throw new ValidationError('a correction needs a note of 3 to 200 characters saying why');
    const person = await this.store.people.getPerson(personId);
    if (!person) throw new NotFoundError(`No person ${personId}.`);
    const oldEntry = await this.redList.entryFor(person.sub);
    const newSub = toBase64Url(randomBytes(8));
    const newEntry = await this.redList.entryFor(newSub);
    const to = status as CodeStatus;
    const why = (to === 'green' ? 'none' : (reason ?? '')) as RedReason;
    if (!(CODE_STATUSES as readonly string[]).includes(status)) throw new ValidationError(`status must be green or red, not ${status}`);
    if (!RED_REASONS.includes(why) || (to === 'red' && why === 'none')) throw new ValidationError('a red status needs a reason');
    const at = this.now();
    const expires = redListEntryExpiry({ listedAt: at, lastCodeIssuedAt: at, maxCodeValidityMs: this.maxCodeValidityMs });
    const change = await this.store.transaction(async (tx) => {
      await tx.redList.lockForWrite();
      const current = await tx.people.getPerson(personId);
      if (!current || current.sub !== person.sub) throw new ValidationError('the person changed meanwhile: try again');
      await tx.people.setSub(personId, newSub);
      await tx.people.setStatus(personId, to, why, at);
      await tx.redList.add(oldEntry, personId, at, expires);
      if (to === 'red') await tx.redList.add(newEntry, personId, at, expires);
      // The old subject's entry lasts as long as a phone code; a printout lasts longer, so its own id is listed.
      await revokeAll(tx, this.redList, [personId], at);
      await tx.status.appendEvents([{ person_id: personId, at, from_status: current.status, status: to, reason: why, cause: 'correction', actor: actorLabel(actor) }]);
      await record(tx, { at, actor, action: 'person.correct-status', targetId: personId, detail: { from: current.status, to, reason: why, note: trimmed } });
      return { personId, from: current.status, to, reason: why, redListChanged: true, oldEntry };
    });
    this.redList.changed();
    return change;
  }

  private async redListEntry(personId: string): Promise<string> {
    const person = await this.store.people.getPerson(personId);
    if (!person) throw new NotFoundError(`No person ${personId}.`);
    return this.redList.entryFor(person.sub);
  }
}
