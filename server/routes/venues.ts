// GET /api/venues: the venues the signed-in inspector is bound to.

import { Hono } from 'hono';
import { API, type VenuesResponse } from '../../shared/api.js';
import type { VenueService } from '../services/venues.js';
import { currentUser, requireRole, type AppEnv } from './context.js';

export function venueRoutes(venues: VenueService): Hono<AppEnv> {
  return new Hono<AppEnv>().get(API.venues, requireRole('inspector'), async (c) =>
    c.json({ venues: await venues.venuesOf(currentUser(c).id) } satisfies VenuesResponse),
  );
}
