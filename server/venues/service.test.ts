// A venue's counts use the venue's own fever threshold: the one fever rule, set per venue.

import { expect, it } from 'vitest';
import { DEFAULT_FEVER_THRESHOLD } from '../../shared/records.js';
import type { CheckpointRow } from '../store/records.js';
import { describeStores } from '../testing/stores.js';
import { VenueService } from './service.js';

const row = (id: string, venue: string, temperature: number): CheckpointRow => ({
  id,
  device_id: 'dev-1',
  seq: Number(id.slice(1)),
  batch_id: 'b',
  venue_id: venue,
  inspector_id: 'u1',
  code: 'HG1:X',
  sub: `sub-${id}`,
  temperature,
  client_verdict: 'green',
  server_verdict: 'green',
  captured_at: 1000,
  received_at: 2000,
  day: '2026-11-21',
  supersedes: null,
  content_hash: `h-${id}`,
  flags: '',
  clock_skew_ms: 0,
});

describeStores('venue counts', (store) => {
  it("counts a fever by the venue's threshold, not a device's or a global one", async () => {
    const s = store();
    await s.venues.createVenue({ id: 'clinic', name: 'Clinic', created_at: 1, fever_threshold: 37.0 });
    await s.venues.createVenue({ id: 'mall', name: 'Mall', created_at: 1 });
    await s.records.insertRecords([row('r1', 'clinic', 37.1), row('r2', 'clinic', 36.9), row('r3', 'mall', 37.1), row('r4', 'mall', 37.3)]);
    const venues = new VenueService(s);
    expect(await venues.dailyCounts('clinic', '2026-11-21')).toMatchObject({ people: 2, fever: 1 });
    expect(DEFAULT_FEVER_THRESHOLD).toBe(37.3);
    expect(await venues.dailyCounts('mall', '2026-11-21')).toMatchObject({ people: 2, fever: 1 });
    await expect(venues.dailyCounts('nowhere', '2026-11-21')).rejects.toMatchObject({ code: 'not_found' });
  });
});
