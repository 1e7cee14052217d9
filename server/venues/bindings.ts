// Inspectors and the venues they work at: binding by the venue's declaration code (scanned, pasted
// or typed at the gate), leaving a venue. Audited; records made while bound stay and count.

import type { Venue } from '../../shared/api/venues.js';
import { DeclarationCodeUnknownError, NotFoundError } from '../../shared/errors.js';
import { record } from '../audit/log.js';
import type { UserActor } from '../auth/actor.js';
import type { Store } from '../store/store.js';
import type { VenueRow } from '../store/venues.js';
import { inspectorTag } from '../registration/codes.js';

export function toInspectorVenue(v: VenueRow, inspectorId: string): Venue {
  return { id: v.id, name: v.name, timeZone: v.time_zone, feverThreshold: v.fever_threshold, tag: inspectorTag(v.id, inspectorId) };
}

export class VenueBindings {
  constructor(
    private readonly store: Store,
    private readonly now: () => number,
  ) {}

  /** Binds the inspector to the venue of this declaration code; binding again changes nothing. */
  async bind(inspector: UserActor, declarationCode: string): Promise<Venue> {
    const at = this.now();
    return this.store.transaction(async (tx) => {
      const venue = await tx.venues.venueByDeclarationCode(declarationCode);
      if (!venue) throw new DeclarationCodeUnknownError();
      if (!(await tx.venues.boundVenue(inspector.id, venue.id))) {
        await tx.venues.bindInspector(inspector.id, venue.id, at);
        await record(tx, { at, actor: inspector, action: 'venue.bind-inspector', targetId: venue.id, detail: { inspector: inspector.id } });
      }
      return toInspectorVenue(venue, inspector.id);
    });
  }

  async leave(inspector: UserActor, venueId: string): Promise<void> {
    const at = this.now();
    await this.store.transaction(async (tx) => {
      if (!(await tx.venues.unbindInspector(inspector.id, venueId, at))) throw new NotFoundError('You are not bound to this venue.');
      await record(tx, { at, actor: inspector, action: 'venue.leave', targetId: venueId, detail: { inspector: inspector.id } });
    });
  }
}
