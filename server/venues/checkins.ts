// Sunflower check-ins (葵花码): signing a bound inspector's codes for today and the coming days, and
// recording a visitor's check-in after verifying the code again — signature by a current key of
// this deployment, and the check-in's own time on the code's day in the venue's zone. A check-in
// counts in the venue's statistics as a normal-temperature check of the visitor (see
// docs/statistics.md), so its day's cached counts are marked changed with it.

import { CHECKIN_DAYS_AHEAD, type CheckinBody, type CheckinResult } from '../../shared/api/checkin.js';
import { signCheckinCode, verifyCheckinCode } from '../../shared/checkin.js';
import { CheckinRefusedError, ForbiddenError, NoCodeError } from '../../shared/errors.js';
import { MAX_FUTURE_SKEW_MS, MAX_RECORD_AGE_MS } from '../../shared/records.js';
import { localDay, localHour } from '../../shared/time.js';
import { loadTrustStore, type TrustStore } from '../../shared/trust.js';
import type { UserActor } from '../auth/actor.js';
import type { KeyRing } from '../keys/keyring.js';
import type { TrustService } from '../lists/trust.js';
import { demographicsOf } from '../stats/demographics.js';
import type { DaysChanged } from '../stats/recounter.js';
import type { Store } from '../store/store.js';
import { inspectorTag } from '../registration/codes.js';
import { startOfDay } from '../registration/week.js';

const DAY_MS = 86_400_000;

export interface CheckinDeps {
  keys: KeyRing;
  trust: TrustService;
  /** Told, after a check-in is stored, which venue day changed (its counts are made again). */
  onDaysChanged?: DaysChanged;
}

export class CheckinService {
  private cached: { version: number; store: Promise<TrustStore> } | undefined;

  constructor(
    private readonly store: Store,
    private readonly deps: CheckinDeps,
    private readonly now: () => number,
  ) {}

  /** The inspector's codes for this venue, today first, one per local day. */
  async codesFor(inspector: UserActor, venueId: string): Promise<{ day: string; code: string }[]> {
    const venue = await this.store.venues.boundVenue(inspector.id, venueId);
    if (!venue) throw new ForbiddenError('You are not bound to this venue.');
    const signer = await this.deps.keys.signer();
    const tag = inspectorTag(venue.id, inspector.id);
    const today = localDay(this.now(), venue.time_zone);
    const codes: { day: string; code: string }[] = [];
    for (let i = 0; i < CHECKIN_DAYS_AHEAD; i++) {
      // Noon of each day, so a daylight-saving change never skips or repeats one.
      const day = localDay(startOfDay(today, venue.time_zone) + i * DAY_MS + DAY_MS / 2, venue.time_zone);
      codes.push({ day, code: await signCheckinCode({ venueId: venue.id, venueName: venue.name, inspectorTag: tag, day, timeZone: venue.time_zone }, signer) });
    }
    return codes;
  }

  /** Records a visitor's check-in (once per id); refuses a code that does not hold for the check-in's time. */
  async record(visitor: UserActor, body: CheckinBody): Promise<CheckinResult> {
    const person = visitor.personId ? await this.store.people.getPerson(visitor.personId) : undefined;
    if (!person) throw new NoCodeError();
    const now = this.now();
    if (body.capturedAt - now > MAX_FUTURE_SKEW_MS) throw new CheckinRefusedError('captured in the future');
    const verdict = await verifyCheckinCode(body.code.trim(), await this.trustStore(), body.capturedAt);
    const stored = await this.store.checkins.get(body.id);
    // A check-in stored while fresh is still a duplicate when it is sent again later.
    if (stored && stored.user_id === visitor.id && verdict.claims?.venueId === stored.venue_id) {
      return { status: 'duplicate', venueName: verdict.claims.venueName, day: stored.day };
    }
    if (!verdict.ok) throw new CheckinRefusedError(verdict.reason);
    if (now - body.capturedAt > MAX_RECORD_AGE_MS) throw new CheckinRefusedError('captured too long ago');
    const venue = await this.store.venues.getVenue(verdict.claims.venueId);
    if (!venue) throw new CheckinRefusedError('unknown venue');
    // The inspector whose code it was: the bound (or once bound) account with the code's tag.
    const inspectorId = (await this.store.venues.inspectorsEverBound(venue.id)).find((id) => inspectorTag(venue.id, id) === verdict.claims.inspectorTag) ?? null;
    // Sex and age band as merge derives them for checkpoint records; never the document itself.
    const demographics = demographicsOf(person.document_no, body.capturedAt, venue.time_zone);
    const inserted = await this.store.transaction(async (tx) => {
      const went = await tx.checkins.insert({
        id: body.id,
        user_id: visitor.id,
        sub: person.sub,
        venue_id: venue.id,
        inspector_tag: verdict.claims.inspectorTag,
        inspector_id: inspectorId,
        day: verdict.claims.day,
        hour: localHour(body.capturedAt, venue.time_zone),
        sex: demographics.sex,
        age_band: demographics.ageBand,
        status: person.status === 'red' ? 'red' : 'green',
        captured_at: body.capturedAt,
        received_at: now,
        code_kid: verdict.kid,
      });
      // The day's cached counts are made again before its statistics are next read.
      if (went) await tx.stats.markDaysChanged([{ venueId: venue.id, day: verdict.claims.day }]);
      return went;
    });
    // The id is someone else's check-in, or another venue's: never overwritten.
    if (!inserted) throw new CheckinRefusedError('id already used');
    this.deps.onDaysChanged?.([{ venueId: venue.id, day: verdict.claims.day }]);
    return { status: 'accepted', venueName: verdict.claims.venueName, day: verdict.claims.day };
  }

  /** Every key this server ever had, in its current state (withdrawn keys verify nothing). */
  private async trustStore(): Promise<TrustStore> {
    const version = await this.deps.keys.currentVersion();
    if (this.cached?.version !== version) {
      const store = this.deps.trust.trustList(0).then(loadTrustStore);
      store.catch(() => {
        if (this.cached?.store === store) this.cached = undefined;
      });
      this.cached = { version, store };
    }
    return this.cached.store;
  }
}
