// Plants a bad import for every layer in lint/layers.js (and an import cycle) and lints it with the
// repository's real ESLint config: each must be reported by its own rule. A rule that silently
// drops out of the config, or a layer added without a plant, fails here.

import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';
import { LAYERS } from './layers.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** layer name → planted imports that break it, each linted as if it were the named file. */
const PLANTS: Record<string, { file: string; code: string }[]> = {
  'shared-no-node': [{ file: 'shared/code/verify.ts', code: "import { readFileSync } from 'node:fs';" }],
  'shared-no-sides': [
    { file: 'shared/records.ts', code: "import type { Store } from '../server/store/store.js';" },
    { file: 'shared/records.ts', code: "import type { HgDb } from '../web/db/db.js';" },
  ],
  'shared-no-drivers': [
    { file: 'shared/trust.ts', code: "import { Hono } from 'hono';" },
    { file: 'shared/trust.ts', code: "import pg from 'pg';" },
    { file: 'shared/trust.ts', code: "import Database from 'better-sqlite3';" },
    { file: 'shared/trust.ts', code: "import { Dexie } from 'dexie';" },
  ],
  'server-no-web': [{ file: 'server/people/codes.ts', code: "import { appDb } from '../../web/db/db.js';" }],
  'route-no-store': [
    { file: 'server/venues/routes.ts', code: "import type { Store } from '../store/store.js';" },
    { file: 'server/http/context.ts', code: "import type { Store } from '../store/store.js';" },
  ],
  'service-no-http': [
    { file: 'server/checkpoints/merge.ts', code: "import { Hono } from 'hono';" },
    { file: 'server/people/status.ts', code: "import type { AppEnv } from '../http/context.js';" },
    { file: 'server/auth/sessions.ts', code: "import { authRoutes } from './routes.js';" },
  ],
  'store-is-the-floor': [
    { file: 'server/store/records.ts', code: "import type { CheckpointMerge } from '../checkpoints/merge.js';" },
    { file: 'server/store/accounts.ts', code: "import type { Config } from '../config.js';" },
  ],
  'no-test-helpers': [
    { file: 'server/people/codes.ts', code: "import { testServer } from '../testing/server.js';" },
    { file: 'shared/records.ts', code: "import { T0 } from './testing.js';" },
  ],
  'web-no-server': [
    { file: 'web/http.ts', code: "import type { Store } from '../server/store/store.js';" },
    { file: 'web/http.ts', code: "import { Kysely } from 'kysely';" },
  ],
  'dexie-only-in-db': [{ file: 'web/areas/gate/state.ts', code: "import { Dexie } from 'dexie';" }],
  'decoder-only-in-scanner': [{ file: 'web/areas/gate/GatePage.tsx', code: "import { readBarcodes } from 'zxing-wasm/reader';" }],
  'pages-no-db-or-sync': [
    { file: 'web/areas/gate/GatePage.tsx', code: "import { appDb } from '../../db/db.js';" },
    { file: 'web/areas/holder/CodePage.tsx', code: "import { SyncEngine } from '../../sync/engine.js';" },
  ],
  'scanner-no-state': [
    { file: 'web/scanner/index.ts', code: "import { me } from '../app/session.js';" },
    { file: 'web/scanner/index.ts', code: "import { scan } from '../areas/gate/state.js';" },
  ],
  'platform-no-areas': [
    { file: 'web/db/outbox.ts', code: "import { scan } from '../areas/gate/state.js';" },
    { file: 'web/sync/engine.ts', code: "import { me } from '../app/session.js';" },
  ],
  'ui-no-areas': [{ file: 'web/ui/Qr.tsx', code: "import { myCode } from '../areas/holder/state.js';" }],
  'areas-apart': [{ file: 'web/areas/holder/CodePage.tsx', code: "import { scan } from '../gate/state.js';" }],
};

/** Imports that every rule must leave alone: the layering allows them. */
const ALLOWED: { file: string; code: string }[] = [
  { file: 'server/checkpoints/routes.ts', code: "import type { CheckpointMerge } from './merge.js';" },
  { file: 'server/checkpoints/merge.ts', code: "import type { Store } from '../store/store.js';" },
  { file: 'server/store/records.ts', code: "import { DEFAULT_FEVER_THRESHOLD } from '../../shared/records.js';" },
  { file: 'web/areas/gate/state.ts', code: "import { appDb } from '../../db/db.js';" },
  { file: 'web/db/db.ts', code: "import { Dexie } from 'dexie';" },
  { file: 'shared/code/size.test.ts', code: "import QRCode from 'qrcode';" },
];

let eslint: ESLint;
beforeAll(() => {
  eslint = new ESLint({ cwd: ROOT });
});

async function messages(file: string, code: string): Promise<{ ruleId: string | null; message: string }[]> {
  const [result] = await eslint.lintText(`${code}\nexport const planted = 1;\n`, { filePath: resolve(ROOT, file) });
  return (result?.messages ?? []).filter((m) => m.ruleId?.startsWith('healthgate/'));
}

describe('layering', () => {
  it('has a planted import for every layer', () => {
    expect(Object.keys(PLANTS).sort()).toEqual(LAYERS.map((l) => l.name).sort());
  });

  for (const [name, plants] of Object.entries(PLANTS)) {
    for (const { file, code } of plants) {
      it(`${name}: reports ${code} in ${file}`, async () => {
        const found = await messages(file, code);
        expect(found.map((m) => m.message).join('\n')).toContain(`rule ${name})`);
      });
    }
  }

  for (const { file, code } of ALLOWED) {
    it(`allows ${code} in ${file}`, async () => {
      expect(await messages(file, code)).toEqual([]);
    });
  }
});

describe('import cycles', () => {
  it('reports a type-only import that closes a cycle', async () => {
    // shared/code/verify.ts imports shared/bytes.ts; bytes importing verify back closes the loop.
    const found = await messages('shared/bytes.ts', "import type { Verdict } from './code/verify.js';");
    expect(found).toEqual([expect.objectContaining({ ruleId: 'healthgate/no-cycle', message: expect.stringContaining('shared/bytes.ts → shared/code/verify.ts → shared/bytes.ts') })]);
  });

  it('leaves a lazy import() alone', async () => {
    expect(await messages('shared/bytes.ts', "export const later = () => import('./code/verify.js');")).toEqual([]);
  });
});
