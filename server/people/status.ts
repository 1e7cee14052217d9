// Turning a person red or green: people.status, the red list and the audit log change together
// in one transaction. Used by the CLI now and by the health authority's admin pages later.

import { CODE_STATUSES, RED_REASONS, type CodeStatus, type RedReason } from '../../shared/code/claims.js';
import { NotFoundError, ValidationError } from '../../shared/errors.js';
import { record } from '../audit/log.js';
import type { Actor } from '../auth/actor.js';
import type { RedListService } from '../lists/redlist.js';
import type { Store } from '../store/store.js';
import { revokeAll } from '../holders/printed.js';

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
      const subjectChanged = to === 'red' ? await tx.redList.add(entry, personId, at) : await tx.redList.remove(entry, at);
      // Printouts made before the change would say the old status: their ids go on the red list.
      const changed = person.status !== to || person.reason !== why;
      const revoked = changed ? await revokeAll(tx, this.redList, personId, at) : [];
      const redListChanged = subjectChanged || revoked.length > 0;
      await record(tx, { at, actor, action: 'person.set-status', targetId: personId, detail: { from: person.status, to, reason: why, redListChanged } });
      return { personId, from: person.status, to, reason: why, redListChanged };
    });
    if (change.redListChanged) this.redList.changed();
    return change;
  }

  private async redListEntry(personId: string): Promise<string> {
    const person = await this.store.people.getPerson(personId);
    if (!person) throw new NotFoundError(`No person ${personId}.`);
    return this.redList.entryFor(person.sub);
  }
}
