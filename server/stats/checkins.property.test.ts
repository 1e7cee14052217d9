// Sunflower check-ins in the statistics, as a property on a real store (SQLite, and PostgreSQL when
// configured): for any mix of gate records and check-ins over a few days, stored in any order, each
// person counts once a day by their latest check of either kind; the published days are exactly
// what that model publishes; and two overlapping ranges, subtracted, still give only numbers the
// single days published.

import fc from 'fast-check';
import { expect, it } from 'vitest';
import type { RangeStats } from '../../shared/api/stats.js';
import { userActor } from '../auth/actor.js';
import type { NewCheckin } from '../store/checkins.js';
import type { CheckpointRow } from '../store/records.js';
import type { CountedRecord } from '../store/stats.js';
import { describeStores } from '../testing/stores.js';
import { countDay, publishDay, sumDays } from './counts.js';
import { StatsService } from './service.js';

const DAYS = ['2026-11-19', '2026-11-20', '2026-11-21'];
const THRESHOLD = 37.3;
const ADMIN = userActor('admin', 'admin', null);

interface Visit {
  person: number;
  day: number;
  minute: number;
  checkin: boolean;
  fever: boolean;
  red: boolean;
  sex: 'male' | 'female' | null;
  inspector: number;
}

const visit = fc.record({
  person: fc.nat({ max: 14 }),
  day: fc.nat({ max: 2 }),
  minute: fc.nat({ max: 600 }),
  checkin: fc.boolean(),
  fever: fc.boolean(),
  red: fc.boolean(),
  sex: fc.constantFrom<'male' | 'female' | null>('male', 'female', null),
  inspector: fc.nat({ max: 1 }),
});

/** Every number in a range answer, by path. */
function numbers(r: RangeStats): Map<string, number> {
  const out = new Map<string, number>();
  const walk = (x: unknown, path: string): void => {
    if (x && typeof x === 'object' && 'n' in x && 'partial' in x) out.set(path, (x as { n: number }).n);
    else if (Array.isArray(x)) x.forEach((v, i) => walk(v, `${path}[${(v as { label?: string }).label ?? i}]`));
    else if (x && typeof x === 'object') for (const [k, v] of Object.entries(x)) if (k !== 'label') walk(v, `${path}.${k}`);
  };
  walk(r, '');
  return out;
}

describeStores('check-ins in the statistics (property)', (store) => {
  it('each person counts once a day by their latest gate check or check-in; ranges differ only by published days', { timeout: 180_000 }, async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(visit, { maxLength: 40 }), fc.nat(), async (visits, seed) => {
        const s = store();
        run += 1;
        const venueId = `v-${run}`;
        await s.venues.createVenue({ id: venueId, name: 'Property Hall', created_at: 1 });
        // Capture instants are distinct: a visit is at its day's 08:00 + minute + its index (ms).
        const at = (v: Visit, i: number) => Date.parse(`${DAYS[v.day]}T08:00:00+08:00`) + v.minute * 60_000 + i;
        const gate: CheckpointRow[] = [];
        const checkins: NewCheckin[] = [];
        visits.forEach((v, i) => {
          const common = { sub: `p${v.person}`, venue_id: venueId, day: DAYS[v.day]!, hour: 8 + Math.floor(v.minute / 60), sex: v.sex, age_band: null, captured_at: at(v, i) };
          if (v.checkin) {
            checkins.push({ ...common, id: `c-${run}-${String(i).padStart(3, '0')}`, user_id: `u${v.person}`, inspector_tag: 'TAG234', inspector_id: `insp-${v.inspector}`, received_at: 0, code_kid: 'k', status: v.red ? 'red' : 'green' });
          } else {
            gate.push({ ...common, id: `g-${run}-${String(i).padStart(3, '0')}`, device_id: `d-${run}`, seq: i, batch_id: 'b', inspector_id: `insp-${v.inspector}`, code: 'HG1:X', temperature: v.fever ? 38.5 : 36.5, client_verdict: 'green', server_verdict: v.red ? 'red' : 'green', received_at: 0, supersedes: null, content_hash: 'h', flags: '', clock_skew_ms: 0 });
          }
        });
        // Stored in an order of their own, check-ins and records interleaved.
        const order = [...gate.map((g) => () => s.records.insertRecords([g])), ...checkins.map((c) => () => s.checkins.insert(c))];
        for (let i = order.length - 1; i > 0; i--) {
          const j = (seed + i * 7919) % (i + 1);
          [order[i], order[j]] = [order[j]!, order[i]!];
        }
        for (const write of order) await write();
        await s.stats.markDaysChanged(DAYS.map((day) => ({ venueId, day })));

        // The model: each person's latest visit of each day, by (instant, id).
        const model = DAYS.map((day, d) => {
          const latest = new Map<string, { key: [number, string]; counted: CountedRecord }>();
          for (const g of gate.filter((r) => r.day === day)) {
            const counted: CountedRecord = { inspector_id: g.inspector_id, temperature: g.temperature, server_verdict: g.server_verdict, sex: g.sex ?? null, age_band: null, hour: g.hour ?? null, via: 'gate' };
            const prev = latest.get(g.sub!);
            if (!prev || prev.key[0] < g.captured_at || (prev.key[0] === g.captured_at && prev.key[1] < g.id)) latest.set(g.sub!, { key: [g.captured_at, g.id], counted });
          }
          for (const c of checkins.filter((r) => r.day === day)) {
            const counted: CountedRecord = { inspector_id: c.inspector_id!, temperature: null, server_verdict: c.status!, sex: c.sex ?? null, age_band: null, hour: c.hour ?? null, via: 'checkin' };
            const prev = latest.get(c.sub);
            if (!prev || prev.key[0] < c.captured_at || (prev.key[0] === c.captured_at && prev.key[1] < c.id)) latest.set(c.sub, { key: [c.captured_at, c.id], counted });
          }
          return publishDay(DAYS[d]!, countDay([...latest.values()].map((l) => l.counted), THRESHOLD), venueId);
        });

        const stats = new StatsService(s, () => Date.parse('2026-11-21T12:00:00+08:00'));
        const venue = (await stats.venueFor(ADMIN, venueId))!;
        const published = await stats.publishedDays(venue, DAYS[0]!, DAYS[2]!);
        expect(published).toEqual(model);

        // Differencing: [d0, d2] − [d0, dk] is the sum of what days after dk published.
        const k = seed % 2;
        const long = numbers(sumDays(published));
        const short = numbers(sumDays(published.slice(0, k + 1)));
        const rest = numbers(sumDays(published.slice(k + 1)));
        for (const [path, n] of long) expect(n - (short.get(path) ?? 0), path).toBe(rest.get(path) ?? 0);
        // And no cell of any day under 5 is shown: check-ins included.
        for (const d of published) if (typeof d.checkins === 'number') expect(d.checkins).toBeGreaterThanOrEqual(5);
      }),
      { numRuns: 25 },
    );
  });
});
