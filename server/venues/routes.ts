// Venue routes: an inspector's venues, binding by declaration code and leaving (GET/POST/DELETE
// /api/venues…), and a manager's own venue (/api/venue…). Thin: the rules are in the services.

import { checkinApi } from '../../shared/api/checkin.js';
import { venueManagerApi } from '../../shared/api/venue-manager.js';
import { InspectorTagSchema } from '../../shared/api/venue-manager.js';
import { venuesApi } from '../../shared/api/venues.js';
import { NotFoundError } from '../../shared/errors.js';
import * as v from 'valibot';
import type { ApiRouter } from '../http/route.js';
import type { VenueService } from './service.js';

export function venueRoutes(api: ApiRouter, venues: VenueService): void {
  api.on(venuesApi.mine, async ({ actor }) => ({ venues: await venues.venuesOf(actor.id) }));
  api.on(venuesApi.bind, async ({ actor, body }) => ({ venue: await venues.bindings.bind(actor, body.declarationCode) }));
  api.on(venuesApi.leave, async ({ actor, params }) => {
    await venues.bindings.leave(actor, params.id ?? '');
    return { ok: true as const };
  });

  const checkins = venues.checkins;
  if (checkins) {
    api.on(checkinApi.codes, async ({ actor, params }) => ({ codes: await checkins.codesFor(actor, params.id ?? '') }));
    api.on(checkinApi.record, async ({ actor, body }) => checkins.record(actor, body));
  }

  const manage = venues.management;
  api.on(venueManagerApi.get, async ({ actor }) => ({ venue: await manage.venueOf(actor) }));
  api.on(venueManagerApi.register, async ({ actor, body }) => ({ venue: await manage.register(actor, body) }));
  api.on(venueManagerApi.edit, async ({ actor, body }) => ({ venue: await manage.edit(actor, body) }));
  api.on(venueManagerApi.inspectors, async ({ actor }) => ({ inspectors: await manage.inspectors(actor) }));
  api.on(venueManagerApi.unbind, async ({ actor, params }) => {
    if (!v.is(InspectorTagSchema, params.tag)) throw new NotFoundError('No inspector with this tag is bound to your venue.');
    await manage.unbind(actor, params.tag);
    return { ok: true as const };
  });
  api.on(venueManagerApi.handOver, async ({ actor, body }) => {
    await manage.handOver(actor, body.phone);
    return { ok: true as const };
  });
}
