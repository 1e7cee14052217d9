// Venues as an inspector sees them: the ones they are bound to, and nothing about anyone else.

import type { Venue } from '../../shared/api.js';
import type { Store } from '../store/store.js';

export class VenueService {
  constructor(private readonly store: Store) {}

  async venuesOf(inspectorId: string): Promise<Venue[]> {
    return (await this.store.users.venuesOfInspector(inspectorId)).map((v) => ({ id: v.id, name: v.name }));
  }
}
