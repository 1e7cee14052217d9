// A small local ESLint plugin: `layers` checks every import against lint/layers.js, `no-cycle`
// refuses any import that closes a cycle — type-only imports included, because a cycle of types
// is still two modules that cannot be understood apart. Dynamic import() is a lazy edge (routes
// load pages on demand) and is not part of the cycle check.

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { minimatch } from 'minimatch';
import { LAYERS } from './layers.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const SOURCE_DIRS = ['shared', 'server', 'web', 'e2e', 'lint'];
const EXTENSIONS = ['.ts', '.tsx', '.js', '.mjs'];

const toRepo = (abs) => relative(ROOT, abs).split(sep).join('/');
const matchAny = (path, globs) => globs.some((g) => minimatch(path, g, { dot: true }));

/** The repo-relative source file a relative specifier points to, or its best guess. */
export function resolveSpecifier(fromRepoPath, specifier) {
  const bare = specifier.split('?')[0];
  const abs = resolve(ROOT, dirname(fromRepoPath), bare);
  const base = abs.replace(/\.(js|jsx|mjs)$/, '');
  for (const ext of EXTENSIONS) if (existsSync(base + ext)) return toRepo(base + ext);
  for (const ext of EXTENSIONS) if (existsSync(join(abs, `index${ext}`))) return toRepo(join(abs, `index${ext}`));
  return toRepo(abs);
}

const isRelative = (s) => s.startsWith('./') || s.startsWith('../');

/** The layers a file is subject to. */
function layersFor(file) {
  return LAYERS.filter((l) => matchAny(file, l.files) && !(l.except && matchAny(file, l.except)));
}

/** Why importing `specifier` from `file` breaks a layer, or undefined. */
export function layerViolation(file, specifier) {
  const target = isRelative(specifier) ? resolveSpecifier(file, specifier) : undefined;
  for (const layer of layersFor(file)) {
    if (target !== undefined) {
      if (layer.paths && matchAny(target, layer.paths)) return { layer, target };
      if (layer.otherAreas) {
        const area = file.split('/').slice(0, 3).join('/');
        const parent = file.split('/').slice(0, 2).join('/');
        if (target.startsWith(`${parent}/`) && !target.startsWith(`${area}/`)) return { layer, target };
      }
    } else if (layer.packages && layer.packages.some((p) => minimatch(specifier, p))) {
      return { layer, target: specifier };
    }
  }
  return undefined;
}

// --- the import graph, read once per lint run ---

const STATIC_IMPORT = /(?:^|[\s;])(?:import|export)\s+(?:type\s+)?(?:[\w*{}\s,$]+?\s+from\s+)?['"]([^'"]+)['"]/g;
let graph;

function sourceFiles(dir, out = []) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    const abs = join(dir, entry.name);
    if (entry.isDirectory()) sourceFiles(abs, out);
    else if (/\.(ts|tsx|js|mjs)$/.test(entry.name) && !entry.name.endsWith('.d.ts')) out.push(toRepo(abs));
  }
  return out;
}

/** Static imports of a source text (import, import type, export … from, side-effect imports). */
export function staticImports(text) {
  const found = [];
  const code = text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`])\/\/.*$/gm, '$1');
  for (const m of code.matchAll(STATIC_IMPORT)) found.push(m[1]);
  return found;
}

function diskGraph() {
  if (graph) return graph;
  graph = new Map();
  for (const dir of SOURCE_DIRS) {
    if (!existsSync(join(ROOT, dir))) continue;
    for (const file of sourceFiles(join(ROOT, dir))) {
      const deps = staticImports(readFileSync(join(ROOT, file), 'utf8')).filter(isRelative).map((s) => resolveSpecifier(file, s));
      graph.set(file, deps);
    }
  }
  return graph;
}

/** A path from `start` back to `file`, with `file`'s own edges taken from `ownDeps`; undefined if none. */
export function cycleThrough(file, start, ownDeps) {
  const g = diskGraph();
  const edges = (f) => (f === file ? ownDeps : (g.get(f) ?? []));
  const previous = new Map([[start, undefined]]);
  const queue = [start];
  while (queue.length > 0) {
    const at = queue.shift();
    if (at === file) {
      const path = [];
      for (let f = at; f !== undefined; f = previous.get(f)) path.unshift(f);
      return [file, ...path];
    }
    for (const next of edges(at)) {
      if (!previous.has(next)) {
        previous.set(next, at);
        queue.push(next);
      }
    }
  }
  return undefined;
}

function importNodes(context, visit) {
  const check = (node) => {
    if (node.source && typeof node.source.value === 'string') visit(node, node.source.value);
  };
  return { ImportDeclaration: check, ExportNamedDeclaration: check, ExportAllDeclaration: check, ImportExpression: (node) => node.source.type === 'Literal' && visit(node, node.source.value, true) };
}

const layers = {
  meta: { type: 'problem', docs: { description: 'Imports follow the layering in lint/layers.js.' }, schema: [] },
  create(context) {
    const file = toRepo(context.filename);
    return importNodes(context, (node, specifier) => {
      const v = layerViolation(file, specifier);
      if (v) context.report({ node, message: `${v.layer.message} (${file} → ${v.target}; rule ${v.layer.name})` });
    });
  },
};

const noCycle = {
  meta: { type: 'problem', docs: { description: 'No import cycles, type-only imports included.' }, schema: [] },
  create(context) {
    const file = toRepo(context.filename);
    const own = [];
    const nodes = [];
    const collect = importNodes(context, (node, specifier, dynamic) => {
      if (dynamic || !isRelative(specifier)) return;
      const target = resolveSpecifier(file, specifier);
      own.push(target);
      nodes.push({ node, target });
    });
    return {
      ...collect,
      'Program:exit'() {
        for (const { node, target } of nodes) {
          const cycle = cycleThrough(file, target, own);
          if (cycle) context.report({ node, message: `Import cycle: ${cycle.join(' → ')}` });
        }
      },
    };
  },
};

export default { meta: { name: 'healthgate' }, rules: { layers, 'no-cycle': noCycle } };
