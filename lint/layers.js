// The layering of the whole repository, written once: which folder may import what. The
// `healthgate/layers` rule checks every import (type-only imports too) against this table, and
// lint/layers.test.ts plants a bad import for every rule so none can silently drop.

/**
 * @typedef {object} Layer
 * @property {string} name        what the rule protects, for the test and the message
 * @property {string[]} files     repo-relative globs of the importing files
 * @property {string[]} [except]  importing files the rule does not apply to
 * @property {string[]} [paths]   repo-relative globs of forbidden targets (relative imports)
 * @property {string[]} [packages] forbidden bare specifiers (`hono`, `hono/*`, `node:*`)
 * @property {boolean} [otherAreas] forbid imports from any other folder under the same parent (web/areas/<x>)
 * @property {string} message
 */

const TESTS = ['**/*.test.ts', '**/*.test.tsx'];
const NODE_BUILTINS = ['node:*', 'fs', 'fs/*', 'path', 'crypto', 'os', 'url', 'stream', 'stream/*', 'http', 'https', 'net', 'child_process', 'worker_threads'];
const BROWSER_LIBS = ['dexie', 'dexie/*', 'preact', 'preact/*', 'preact-iso', '@preact/*', 'html5-qrcode', 'html5-qrcode/*', 'barcode-detector', 'barcode-detector/*', 'zxing-wasm', 'zxing-wasm/*', 'workbox-*', 'qrcode', 'comlink'];
const SERVER_LIBS = ['hono', 'hono/*', '@hono/*', 'kysely', 'better-sqlite3', 'pg', 'exceljs', 'csv-stringify', 'csv-stringify/*', 'csv-parse', 'csv-parse/*'];
const SCANNER_LIBS = ['html5-qrcode', 'html5-qrcode/*', 'barcode-detector', 'barcode-detector/*', 'zxing-wasm', 'zxing-wasm/*', 'comlink'];
/** Server feature folders: routes.ts is their HTTP face, everything else is service or rules. */
const FEATURES = '{auth,people,venues,orgs,registration,authority,checkpoints,lists,keys,audit,exports,sms,demo,account,records,stats,registry,holders}';

/** @type {Layer[]} */
export const LAYERS = [
  // shared/: runs in browsers and in Node, imports neither side.
  { name: 'shared-no-node', files: ['shared/**'], except: TESTS, packages: NODE_BUILTINS, message: 'shared/ runs in browsers and Node: no Node modules.' },
  { name: 'shared-no-sides', files: ['shared/**'], paths: ['web/**', 'server/**', 'e2e/**', 'lint/**'], message: 'shared/ imports neither side.' },
  { name: 'shared-no-drivers', files: ['shared/**'], except: TESTS, packages: [...BROWSER_LIBS, ...SERVER_LIBS], message: 'shared/ stays runtime-neutral: no framework, database or browser library.' },

  // server/: composition root → feature folders (thin routes → services/rules) → one store floor.
  { name: 'server-no-web', files: ['server/**'], paths: ['web/**', 'e2e/**'], packages: BROWSER_LIBS, message: 'server/ never imports web/ or browser libraries.' },
  { name: 'route-no-store', files: [`server/${FEATURES}/routes.ts`, 'server/http/**', 'server/app.ts'], paths: ['server/store/**'], message: 'A route never touches the store: it calls a service.' },
  { name: 'service-no-http', files: [`server/${FEATURES}/**`], except: [`server/${FEATURES}/routes.ts`, ...TESTS], paths: ['server/http/**', 'server/app.ts', 'server/*/routes.ts'], packages: ['hono', 'hono/*', '@hono/*'], message: 'Services and rules know nothing of HTTP: no hono, no server/http/, no routes.' },
  { name: 'store-is-the-floor', files: ['server/store/**'], except: TESTS, paths: ['server/!(store)/**', 'server/*.ts'], message: 'server/store/ is the lowest floor: it imports no feature, route or root module.' },
  { name: 'no-test-helpers', files: ['server/**', 'shared/**', 'web/**'], except: [...TESTS, 'server/testing/**', 'web/db/testing.ts', 'shared/testing.ts'], paths: ['server/testing/**', 'web/db/testing.ts', 'shared/testing.ts'], message: 'Test helpers are for tests only.' },

  // web/: areas (pages + state + strings) → platform (db, sync, scanner, ui, http, i18n, app).
  { name: 'web-no-server', files: ['web/**'], paths: ['server/**', 'e2e/**'], packages: SERVER_LIBS, message: 'web/ never imports server/.' },
  { name: 'dexie-only-in-db', files: ['web/**'], except: ['web/db/**'], packages: ['dexie', 'dexie/*'], message: 'Only web/db/ imports dexie.' },
  { name: 'decoder-only-in-scanner', files: ['web/**'], except: ['web/scanner/**'], packages: SCANNER_LIBS, message: 'Only web/scanner/ imports the camera and decoder libraries.' },
  { name: 'pages-no-db-or-sync', files: ['web/areas/**/*.tsx'], paths: ['web/db/**', 'web/sync/**'], message: 'Pages go through their area state, never to db/ or sync/ directly.' },
  { name: 'scanner-no-state', files: ['web/scanner/**'], paths: ['web/app/**', 'web/areas/**', 'web/ui/**', 'web/db/**', 'web/sync/**'], message: 'The scanner knows no app state: it reports what it reads.' },
  { name: 'platform-no-areas', files: ['web/db/**', 'web/sync/**', 'web/http.ts', 'web/i18n/**'], paths: ['web/areas/**', 'web/app/**', 'web/ui/**'], message: 'Platform code (db, sync, http, i18n) imports no area and no app state.' },
  { name: 'ui-no-areas', files: ['web/ui/**'], paths: ['web/areas/**', 'web/db/**', 'web/sync/**'], message: 'web/ui/ holds presentational parts: no area, no db/, no sync/.' },
  { name: 'areas-apart', files: ['web/areas/*/**'], otherAreas: true, message: 'An area never imports another area: share through app/, ui/ or the platform.' },
];
