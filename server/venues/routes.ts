// GET /api/venues: the venues the signed-in inspector is bound to.

import { venuesApi } from '../../shared/api/venues.js';
import type { ApiRouter } from '../http/route.js';
import type { VenueService } from './service.js';

export function venueRoutes(api: ApiRouter, venues: VenueService): void {
  api.on(venuesApi.mine, async ({ actor }) => ({ venues: await venues.venuesOf(actor.id) }));
}
