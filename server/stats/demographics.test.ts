// Sex and age band from a mainland ID number on the capture's local day; unknown for anything else.

import { describe, expect, it } from 'vitest';
import { mainlandId } from '../testing/identity.js';
import { demographicsOf } from './demographics.js';

describe('demographicsOf', () => {
  const at = Date.UTC(2026, 10, 21, 8, 0); // 16:00 in Shanghai
  it('reads sex and age band from a mainland ID number', () => {
    expect(demographicsOf(mainlandId('1990-05-01', '123'), at, 'Asia/Shanghai')).toEqual({ sex: 'male', ageBand: '30-39' });
    expect(demographicsOf(mainlandId('2010-01-01', '124'), at, 'Asia/Shanghai')).toEqual({ sex: 'female', ageBand: '0-17' });
    expect(demographicsOf(mainlandId('1950-01-01', '125'), at, 'Asia/Shanghai')).toEqual({ sex: 'male', ageBand: '60+' });
  });

  it('takes the age on the local day of the capture: a birthday at local midnight', () => {
    const id = mainlandId('2008-11-22', '122'); // 18 on 2026-11-22
    const beforeMidnight = Date.UTC(2026, 10, 21, 15, 59); // 23:59 on the 21st in Shanghai
    expect(demographicsOf(id, beforeMidnight, 'Asia/Shanghai').ageBand).toBe('0-17');
    expect(demographicsOf(id, beforeMidnight + 60_000, 'Asia/Shanghai').ageBand).toBe('18-29');
    expect(demographicsOf(id, beforeMidnight + 60_000, 'UTC').ageBand).toBe('0-17');
  });

  it('is unknown without a document, for other documents and for broken numbers', () => {
    const unknown = { sex: null, ageBand: null };
    expect(demographicsOf(null, at, 'Asia/Shanghai')).toEqual(unknown);
    expect(demographicsOf('', at, 'Asia/Shanghai')).toEqual(unknown);
    expect(demographicsOf('E12345678', at, 'Asia/Shanghai')).toEqual(unknown);
    const id = mainlandId('1990-05-01', '123');
    expect(demographicsOf(id.slice(0, 17) + (id[17] === '0' ? '1' : '0'), at, 'Asia/Shanghai')).toEqual(unknown);
    // Born after the capture's day: not a number that can be right.
    expect(demographicsOf(mainlandId('2027-01-01', '123'), at, 'Asia/Shanghai')).toEqual(unknown);
  });
});
