// A manager's own venue: register it (one venue per manager), read it, change it at most once per
// natural week, see and unbind its inspectors by pseudonymous tags, and hand the role over
// (更换绑定). Every change is audited in the transaction that makes it.

import { randomUUID } from 'node:crypto';
import { VENUE_TYPES, type VenueDetails, type VenueEdit, type VenueForm, type VenueMember, type VenueType } from '../../shared/api/venue-manager.js';
import { AreaNotStreetLevelError, BadRequestError, ManagerHasVenueError, NotFoundError, VenueEditTooSoonError } from '../../shared/errors.js';
import { DEFAULT_TIME_ZONE } from '../../shared/time.js';
import { record } from '../audit/log.js';
import type { UserActor } from '../auth/actor.js';
import type { Store } from '../store/store.js';
import type { VenueRow } from '../store/venues.js';
import { inspectorTag, maskPhone, newDeclarationCode } from '../registration/codes.js';
import { divisionLabel, isStreetLevel } from '../registration/divisions.js';
import { nextEditAllowed } from '../registration/week.js';

const asType = (t: string): VenueType => ((VENUE_TYPES as readonly string[]).includes(t) ? (t as VenueType) : 'other');

export class VenueManagement {
  constructor(
    private readonly store: Store,
    private readonly now: () => number,
  ) {}

  details(v: VenueRow): VenueDetails {
    const next = nextEditAllowed(v.edited_at, this.now(), v.time_zone);
    return {
      id: v.id,
      name: v.name,
      areaCode: v.area_code,
      areaLabel: v.area_code ? (divisionLabel(v.area_code) ?? null) : null,
      address: v.address,
      type: asType(v.venue_type),
      contactPhoneMasked: v.contact_phone ? maskPhone(v.contact_phone) : null,
      declarationCode: v.declaration_code ?? '',
      timeZone: v.time_zone,
      nextEditFrom: next?.at ?? null,
    };
  }

  async venueOf(manager: UserActor): Promise<VenueDetails | null> {
    const v = await this.store.venues.venueOfManager(manager.id);
    return v ? this.details(v) : null;
  }

  async register(manager: UserActor, form: VenueForm): Promise<VenueDetails> {
    if (!isStreetLevel(form.areaCode)) throw new AreaNotStreetLevelError();
    const at = this.now();
    const id = `venue-${randomUUID()}`;
    await this.store.transaction(async (tx) => {
      if (await tx.venues.venueOfManager(manager.id)) throw new ManagerHasVenueError();
      await tx.venues.createVenue({
        id,
        name: form.name,
        created_at: at,
        time_zone: DEFAULT_TIME_ZONE,
        area_code: form.areaCode,
        address: form.address,
        venue_type: form.type,
        manager_user_id: manager.id,
        contact_phone: form.contactPhone,
        declaration_code: newDeclarationCode(),
        edited_at: null,
      });
      await record(tx, { at, actor: manager, action: 'venue.register', targetId: id, detail: { area: form.areaCode, type: form.type } });
    });
    return this.details((await this.store.venues.getVenue(id))!);
  }

  async edit(manager: UserActor, change: VenueEdit): Promise<VenueDetails> {
    if (!isStreetLevel(change.areaCode)) throw new AreaNotStreetLevelError();
    const at = this.now();
    const id = await this.store.transaction(async (tx) => {
      const venue = await this.ownVenue(tx, manager);
      const next = nextEditAllowed(venue.edited_at, at, venue.time_zone);
      if (next) throw new VenueEditTooSoonError(`${next.day} 00:00 (${venue.time_zone})`, Math.ceil((next.at - at) / 1000));
      await tx.venues.updateVenue(venue.id, {
        name: change.name,
        area_code: change.areaCode,
        address: change.address,
        venue_type: change.type,
        ...(change.contactPhone !== undefined ? { contact_phone: change.contactPhone } : {}),
        edited_at: at,
      });
      // Which fields changed, by name only: the audit log never holds the phone itself.
      const before: Record<string, string | null> = { name: venue.name, area: venue.area_code, address: venue.address, type: venue.venue_type, phone: venue.contact_phone };
      const after: Record<string, string | null> = { name: change.name, area: change.areaCode, address: change.address, type: change.type, phone: change.contactPhone ?? venue.contact_phone };
      const changed = Object.keys(before).filter((k) => before[k] !== after[k]);
      await record(tx, { at, actor: manager, action: 'venue.edit', targetId: venue.id, detail: { changed } });
      return venue.id;
    });
    return this.details((await this.store.venues.getVenue(id))!);
  }

  async inspectors(manager: UserActor): Promise<VenueMember[]> {
    const venue = await this.ownVenue(this.store, manager);
    return (await this.store.venues.bindingsOfVenue(venue.id)).map((b) => ({
      tag: inspectorTag(venue.id, b.user_id),
      boundAt: b.created_at,
      isYou: b.user_id === manager.id,
    }));
  }

  async unbind(manager: UserActor, tag: string): Promise<void> {
    const at = this.now();
    await this.store.transaction(async (tx) => {
      const venue = await this.ownVenue(tx, manager);
      const binding = (await tx.venues.bindingsOfVenue(venue.id)).find((b) => inspectorTag(venue.id, b.user_id) === tag);
      if (!binding) throw new NotFoundError('No inspector with this tag is bound to your venue.');
      await tx.venues.unbindInspector(binding.user_id, venue.id, at);
      await record(tx, { at, actor: manager, action: 'venue.unbind-inspector', targetId: venue.id, detail: { inspector: binding.user_id } });
    });
  }

  /** 更换绑定: the venue goes to the manager account of this phone, made if there is none. */
  async handOver(manager: UserActor, phone: string): Promise<void> {
    const at = this.now();
    await this.store.transaction(async (tx) => {
      const venue = await this.ownVenue(tx, manager);
      const accounts = await tx.accounts.usersByPhone(phone);
      let next = accounts.find((a) => a.role === 'manager');
      if (next?.id === manager.id) throw new BadRequestError('You already manage this venue: hand it over to someone else.');
      if (next && (await tx.venues.venueOfManager(next.id))) throw new ManagerHasVenueError('That person already manages a venue: a manager manages one venue.');
      if (!next) {
        next = { id: `manager-${randomUUID()}`, phone, role: 'manager', person_id: null, created_at: at };
        await tx.accounts.createUser(next);
      }
      await tx.venues.updateVenue(venue.id, { manager_user_id: next.id, contact_phone: phone });
      await record(tx, { at, actor: manager, action: 'venue.hand-over', targetId: venue.id, detail: { from: manager.id, to: next.id, newAccount: !accounts.some((a) => a.role === 'manager') } });
    });
  }

  private async ownVenue(store: Store, manager: UserActor): Promise<VenueRow> {
    const venue = await store.venues.venueOfManager(manager.id);
    if (!venue) throw new NotFoundError('You have no venue yet: register it first.');
    return venue;
  }
}
