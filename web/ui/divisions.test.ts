// The area picker's logic on small files shaped like the real ones: a municipality (北京市 → 市辖区),
// a city without counties of its own (东莞市 → 东莞市), and a county without townships (三沙市's 中沙群岛).

import { describe, expect, it } from 'vitest';
import type { DivisionsIndex, ProvinceFile } from '../../build/divisions-format.js';
import { areaColumns, choiceOf, choose, codePath, divisionsSource, DivisionsDataError, expandProvince, parseIndex, settle, type Division } from './divisions.js';

const index: DivisionsIndex = {
  v: 1,
  source: 'test',
  provinces: [
    { code: '11', name: '北京市', file: '11.aaa.json' },
    { code: '44', name: '广东省', file: '44.bbb.json' },
    { code: '46', name: '海南省', file: '46.ccc.json' },
  ],
};

const files: Record<string, ProvinceFile> = {
  '11.aaa.json': {
    v: 1,
    code: '11',
    name: '北京市',
    children: [['01', '市辖区', [['01', '东城区', [['001', '东华门街道'], ['002', '景山街道']]], ['05', '朝阳区', [['001', '建外街道']]]]]],
  },
  '44.bbb.json': {
    v: 1,
    code: '44',
    name: '广东省',
    children: [
      ['01', '广州市', [['03', '荔湾区', [['001', '沙面街道'], ['002', '岭南街道']]]]],
      ['19', '东莞市', [['00', '东莞市', [['003', '东城街道'], ['004', '南城街道']]]]],
    ],
  },
  '46.ccc.json': { v: 1, code: '46', name: '海南省', children: [['03', '三沙市', [['21', '西沙群岛', [['451', '永兴']]], ['23', '中沙群岛的岛礁及其海域']]]] },
};

const tree = (file: string): Division => expandProvince(files[file]);
const beijing = tree('11.aaa.json');
const guangdong = tree('44.bbb.json');
const hainan = tree('46.ccc.json');
const provinces = index.provinces;

describe('codePath', () => {
  it('cuts a stored code into its levels', () => {
    expect(codePath('440103001')).toEqual(['44', '4401', '440103', '440103001']);
    expect(codePath('4401')).toEqual(['44', '4401']);
    for (const bad of [undefined, '', '4', '44010', '4401030010', '44a1', ' 44']) expect(codePath(bad), String(bad)).toEqual([]);
  });
});

describe('reading the files', () => {
  it('gives full codes, and no children where a division has none', () => {
    expect(beijing.children?.[0]?.children?.[0]).toEqual({
      code: '110101',
      name: '东城区',
      children: [
        { code: '110101001', name: '东华门街道' },
        { code: '110101002', name: '景山街道' },
      ],
    });
    expect(hainan.children?.[0]?.children?.[1]).toEqual({ code: '460323', name: '中沙群岛的岛礁及其海域' });
  });

  it('refuses what is not a divisions file of this format', () => {
    for (const bad of [null, {}, { ...files['11.aaa.json'], v: 2 }, { v: 1, code: '11', name: 'x', children: [[1, 'x']] }]) {
      expect(() => expandProvince(bad)).toThrow(DivisionsDataError);
    }
    expect(() => parseIndex({ v: 1, source: 'x', provinces: [{ code: '11' }] })).toThrow(DivisionsDataError);
    expect(parseIndex(JSON.parse(JSON.stringify(index)))).toEqual(index);
  });
});

describe('areaColumns', () => {
  it('shows nothing before the index, then provinces, then one level per chosen division', () => {
    expect(areaColumns(undefined, undefined, [])).toEqual([]);
    expect(areaColumns(provinces, undefined, []).map((c) => c.level)).toEqual(['province']);
    expect(areaColumns(provinces, undefined, ['44', '4401']).map((c) => [c.level, c.selected])).toEqual([['province', '44']]);
    const columns = areaColumns(provinces, guangdong, ['44', '4401']);
    expect(columns.map((c) => [c.level, c.selected])).toEqual([
      ['province', '44'],
      ['city', '4401'],
      ['county', ''],
    ]);
    expect(columns[2]?.options).toEqual([{ code: '440103', name: '荔湾区' }]);
  });

  it('ignores a tree that belongs to another province', () => {
    expect(areaColumns(provinces, beijing, ['44']).map((c) => c.level)).toEqual(['province']);
  });

  it('stops below a division that has no children', () => {
    expect(areaColumns(provinces, hainan, ['46', '4603', '460323']).map((c) => c.level)).toEqual(['province', 'city', 'county']);
  });
});

describe('choose and settle', () => {
  it('starts the levels below a new pick over', () => {
    expect(choose(['44', '4401', '440103', '440103001'], 1, '4419')).toEqual(['44', '4419']);
    expect(choose(['44', '4401', '440103'], 2, '')).toEqual(['44', '4401']);
  });

  it('chooses the only child for you: 北京市 → 市辖区, 东莞市 → 东莞市', () => {
    expect(settle(provinces, beijing, ['11'])).toEqual(['11', '1101']);
    expect(settle(provinces, guangdong, ['44', '4419'])).toEqual(['44', '4419', '441900']);
    expect(settle(provinces, guangdong, ['44'])).toEqual(['44']);
  });

  it('keeps a choice while its tree is loading or failed, and drops only what the data no longer has', () => {
    const stored = codePath('440103002');
    expect(settle(provinces, undefined, stored)).toEqual(stored);
    expect(settle(undefined, undefined, stored)).toEqual(stored);
    // Reloaded data (a new object, as after a retry) keeps the whole choice.
    expect(settle(provinces, tree('44.bbb.json'), stored)).toEqual(stored);
    expect(settle(provinces, guangdong, ['44', '4401', '440103', '440103999'])).toEqual(['44', '4401', '440103']);
    expect(settle(provinces, guangdong, ['44', '4499', '449901'])).toEqual(['44']);
    expect(settle(provinces, guangdong, ['99', '9901'])).toEqual([]);
  });
});

describe('choiceOf', () => {
  it('reports codes and names from the province down, complete at a township', () => {
    expect(choiceOf(provinces, beijing, ['11', '1101', '110101', '110101002'])).toEqual({
      code: '110101002',
      codes: ['11', '1101', '110101', '110101002'],
      names: ['北京市', '市辖区', '东城区', '景山街道'],
      complete: true,
    });
    expect(choiceOf(provinces, beijing, ['11', '1101', '110101'])).toMatchObject({ code: '110101', complete: false });
  });

  it('is complete at a county without townships', () => {
    expect(choiceOf(provinces, hainan, ['46', '4603', '460323'])).toMatchObject({ names: ['海南省', '三沙市', '中沙群岛的岛礁及其海域'], complete: true });
  });

  it('has no answer for nothing chosen, codes the data lacks, or a tree not loaded yet', () => {
    expect(choiceOf(provinces, guangdong, [])).toBeUndefined();
    expect(choiceOf(provinces, guangdong, ['44', '4499'])).toBeUndefined();
    expect(choiceOf(provinces, undefined, ['44'])).toBeUndefined();
    expect(choiceOf(provinces, guangdong, ['44'])).toMatchObject({ names: ['广东省'], complete: false });
  });
});

describe('divisionsSource', () => {
  /** A fetch over the fixture files under /divisions/, counting requests; `failing` answers 503. */
  function fakeFetch() {
    const seen: string[] = [];
    const failing = new Set<string>();
    const fetchFn = async (url: string): Promise<Response> => {
      seen.push(url);
      if (failing.has(url)) return new Response('busy', { status: 503 });
      const name = url.replace('/divisions/', '');
      const body = name === 'index.x.json' ? index : files[name];
      return body ? Response.json(body) : new Response('missing', { status: 404 });
    };
    return { fetchFn, seen, failing };
  }

  it('fetches the index once and each province once, next to the index', async () => {
    const { fetchFn, seen } = fakeFetch();
    const source = divisionsSource('/divisions/index.x.json', fetchFn);
    const [a, b] = await Promise.all([source.province('44'), source.province('44')]);
    expect(a).toBe(b);
    expect(a.children?.[1]?.children?.[0]?.children?.[1]).toEqual({ code: '441900004', name: '南城街道' });
    await source.province('11');
    expect(seen).toEqual(['/divisions/index.x.json', '/divisions/44.bbb.json', '/divisions/11.aaa.json']);
  });

  it('forgets a failure, so a retry fetches again', async () => {
    const { fetchFn, seen, failing } = fakeFetch();
    const source = divisionsSource('/divisions/index.x.json', fetchFn);
    failing.add('/divisions/44.bbb.json');
    await expect(source.province('44')).rejects.toThrow(/503/);
    failing.clear();
    await expect(source.province('44')).resolves.toMatchObject({ code: '44' });
    expect(seen.filter((u) => u.endsWith('44.bbb.json'))).toHaveLength(2);
    expect(seen.filter((u) => u.endsWith('index.x.json'))).toHaveLength(1);
  });

  it('refuses a province the index does not list, or a file holding another province', async () => {
    const { fetchFn } = fakeFetch();
    await expect(divisionsSource('/divisions/index.x.json', fetchFn).province('99')).rejects.toThrow(DivisionsDataError);
    const swapped = async (url: string) => fetchFn(url.replace('44.bbb', '11.aaa'));
    await expect(divisionsSource('/divisions/index.x.json', swapped).province('44')).rejects.toThrow(/holds province 11/);
  });
});
