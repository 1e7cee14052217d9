// The area picker's logic without a DOM: reading the divisions files the build splits out
// (build/divisions.ts), which selects to show for a chosen code path, and what the choice is.

import type { CompactDivision, DivisionsIndex, ProvinceFile } from '../../build/divisions-format.js';
import type { FetchLike } from '../http.js';

export const AREA_LEVELS = ['province', 'city', 'county', 'township'] as const;
export type AreaLevel = (typeof AREA_LEVELS)[number];
/** GB/T 2260 code length per level: 44 · 4401 · 440103 · 440103001. */
const CODE_LENGTHS = [2, 4, 6, 9];

export interface Division {
  code: string;
  name: string;
  /** Undefined for a division without children: the choice can end there. */
  children?: Division[];
}

export type ProvinceEntry = DivisionsIndex['provinces'][number];

/** What the picker reports: the codes and names from the province down, and the deepest code. */
export interface AreaChoice {
  code: string;
  codes: string[];
  names: string[];
  /** The last division has no children (a township or street, or a place with nothing below it). */
  complete: boolean;
}

export class DivisionsDataError extends Error {
  override readonly name = 'DivisionsDataError';
}

/** The code path a stored code stands for ('440103001' → 44, 4401, 440103, 440103001); [] if it is no division code. */
export function codePath(code: string | undefined): string[] {
  if (!code || !/^\d+$/.test(code)) return [];
  const level = CODE_LENGTHS.indexOf(code.length);
  return level < 0 ? [] : CODE_LENGTHS.slice(0, level + 1).map((n) => code.slice(0, n));
}

export function parseIndex(json: unknown): DivisionsIndex {
  const index = json as Partial<DivisionsIndex> | null;
  if (index?.v !== 1 || !Array.isArray(index.provinces)) throw new DivisionsDataError('Not a divisions index (format 1)');
  for (const p of index.provinces) {
    if (typeof p?.code !== 'string' || typeof p.name !== 'string' || typeof p.file !== 'string') throw new DivisionsDataError('Bad province entry in the divisions index');
  }
  return index as DivisionsIndex;
}

/** A province file as a tree with full codes; throws on anything that is not one. */
export function expandProvince(json: unknown): Division {
  const file = json as Partial<ProvinceFile> | null;
  if (file?.v !== 1 || typeof file.code !== 'string' || typeof file.name !== 'string' || !Array.isArray(file.children)) {
    throw new DivisionsDataError('Not a province file (format 1)');
  }
  return { code: file.code, name: file.name, children: expand(file.code, file.children) };
}

function expand(parent: string, nodes: CompactDivision[]): Division[] | undefined {
  if (nodes.length === 0) return undefined;
  return nodes.map((node) => {
    const [suffix, name, children] = node;
    if (typeof suffix !== 'string' || typeof name !== 'string') throw new DivisionsDataError(`Bad division under ${parent}`);
    const code = parent + suffix;
    const below = Array.isArray(children) ? expand(code, children) : undefined;
    return below ? { code, name, children: below } : { code, name };
  });
}

/** One select: the level, its options, and the chosen code ('' for none yet). */
export interface AreaColumn {
  level: AreaLevel;
  options: { code: string; name: string }[];
  selected: string;
}

/**
 * The selects to show: provinces once the index is there, then one level below each chosen
 * division that has children. Deeper levels wait for the chosen province's tree.
 */
export function areaColumns(provinces: readonly ProvinceEntry[] | undefined, tree: Division | undefined, chosen: readonly string[]): AreaColumn[] {
  if (!provinces) return [];
  const columns: AreaColumn[] = [{ level: 'province', options: provinces.map(({ code, name }) => ({ code, name })), selected: chosen[0] ?? '' }];
  if (!tree || tree.code !== chosen[0]) return columns;
  let parent: Division | undefined = tree;
  for (let level = 1; level < AREA_LEVELS.length && parent?.children; level++) {
    const selected: string = chosen[level] ?? '';
    columns.push({ level: AREA_LEVELS[level] ?? 'township', options: parent.children.map(({ code, name }) => ({ code, name })), selected });
    parent = parent.children.find((d) => d.code === selected);
  }
  return columns;
}

/** A pick at one level: the levels below it start over. An empty code clears that level. */
export function choose(chosen: readonly string[], level: number, code: string): string[] {
  return code ? [...chosen.slice(0, level), code] : chosen.slice(0, level);
}

/**
 * The choice made to fit the data: codes the data no longer has are dropped (with everything below
 * them), and a division with a single child gets it chosen (北京市 → 市辖区, 东莞市 → 东莞市), so
 * nobody has to pick from a list of one. Without the province's tree the choice is kept as it is.
 */
export function settle(provinces: readonly ProvinceEntry[] | undefined, tree: Division | undefined, chosen: readonly string[]): string[] {
  if (!provinces) return [...chosen];
  const first = chosen[0];
  if (first === undefined || !provinces.some((p) => p.code === first)) return [];
  if (!tree || tree.code !== first) return [first, ...chosen.slice(1)];
  const settled = [first];
  let parent: Division = tree;
  for (;;) {
    const next: Division | undefined = parent.children?.find((d) => d.code === chosen[settled.length]) ?? (parent.children?.length === 1 ? parent.children[0] : undefined);
    if (!next) return settled;
    settled.push(next.code);
    parent = next;
  }
}

/** The choice to report, or undefined while nothing is chosen or the tree for deeper levels is missing. */
export function choiceOf(provinces: readonly ProvinceEntry[] | undefined, tree: Division | undefined, chosen: readonly string[]): AreaChoice | undefined {
  const province = provinces?.find((p) => p.code === chosen[0]);
  if (!province) return undefined;
  if (chosen.length === 1 && (!tree || tree.code !== province.code)) return undefined;
  const names = [province.name];
  let parent: Division | undefined = tree;
  for (const code of chosen.slice(1)) {
    parent = parent?.children?.find((d) => d.code === code);
    if (!parent) return undefined;
    names.push(parent.name);
  }
  return { code: chosen[chosen.length - 1] ?? '', codes: [...chosen], names, complete: !parent?.children };
}

/** Where the divisions come from: fetched once each, failures forgotten so a retry fetches again. */
export interface DivisionsSource {
  index(): Promise<DivisionsIndex>;
  province(code: string): Promise<Division>;
}

export function divisionsSource(indexUrl: string, fetchFn: FetchLike = (input, init) => fetch(input, init), timeoutMs = 20_000): DivisionsSource {
  const base = indexUrl.slice(0, indexUrl.lastIndexOf('/') + 1);
  let index: Promise<DivisionsIndex> | undefined;
  const provinces = new Map<string, Promise<Division>>();

  const getJson = async (url: string): Promise<unknown> => {
    const res = await fetchFn(url, { signal: AbortSignal.timeout(timeoutMs) });
    if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
    return res.json();
  };
  const remember = <T>(promise: Promise<T>, forget: () => void): Promise<T> => {
    promise.catch(forget);
    return promise;
  };

  const source: DivisionsSource = {
    index() {
      index ??= remember(getJson(indexUrl).then(parseIndex), () => (index = undefined));
      return index;
    },
    province(code) {
      let tree = provinces.get(code);
      if (!tree) {
        tree = remember(
          source.index().then(async (idx) => {
            const entry = idx.provinces.find((p) => p.code === code);
            if (!entry) throw new DivisionsDataError(`No province ${code} in the divisions index`);
            const province = expandProvince(await getJson(base + entry.file));
            if (province.code !== code) throw new DivisionsDataError(`${entry.file} holds province ${province.code}, not ${code}`);
            return province;
          }),
          () => provinces.delete(code),
        );
        provinces.set(code, tree);
      }
      return tree;
    },
  };
  return source;
}
