import { describe, expect, it } from 'vitest';
import type { CodeRow } from '../../db/db.js';
import { needsRefresh } from './state.js';

const row = (issuedAt: number, expiresAt: number): CodeRow => ({
  userId: 'u1',
  fetchedAt: issuedAt,
  deviceKey: 'k1',
  code: { text: 'HG1:X', status: 'green', reason: 'none', kind: 'resident', maskedName: '张*明', issuedAt, expiresAt },
});

describe('holder code refresh rule', () => {
  it('fetches when nothing is held or the held code is past half its life', () => {
    expect(needsRefresh(null, 0)).toBe(true);
    expect(needsRefresh(row(0, 1000), 499)).toBe(false);
    expect(needsRefresh(row(0, 1000), 500)).toBe(true);
    expect(needsRefresh(row(0, 1000), 2000)).toBe(true);
  });

  it('fetches a bound code in place of one from before this phone had a device key', () => {
    const { deviceKey: _bound, ...unbound } = row(0, 1000);
    expect(needsRefresh(unbound, 1)).toBe(true);
  });
});
