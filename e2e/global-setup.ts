// Once per e2e run: create the trust root and signing key in e2e/.tmp/data, then build the PWA
// with that trust root embedded, into e2e/.tmp/web. Every spec's server serves that build.

import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { DATA_DIR, ROOT, TMP, WEB_OUT } from './support/paths.js';

function run(cmd: string, args: string[], env: Record<string, string>): void {
  const r = spawnSync(cmd, args, { cwd: ROOT, env: { ...process.env, ...env }, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed:\n${r.stdout}\n${r.stderr}`);
}

export default function globalSetup(): void {
  rmSync(TMP, { recursive: true, force: true });
  mkdirSync(DATA_DIR, { recursive: true });
  const env = { HG_DATA_DIR: DATA_DIR, DATABASE_URL: `${TMP}/setup.sqlite`, HG_WEB_OUT: WEB_OUT };
  run(process.execPath, ['--import', 'tsx', 'server/cli.ts', 'keys', 'ensure'], env);
  run(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--logLevel', 'warn'], env);
}
