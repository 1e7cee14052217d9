// Test fixtures for server tests: a settable clock and a key ring over a throw-away data dir.
// Never imported by application code.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { onTestFinished } from 'vitest';
import { T0 } from '../../shared/testing.js';
import { KeyFiles } from '../keys/files.js';
import { KeyRing } from '../keys/keyring.js';
import { createApp } from '../app.js';
import { loadConfig, type Config } from '../config.js';
import { buildServices, type Services } from '../main.js';
import type { Store } from '../store/store.js';

export class TestClock {
  constructor(public t: number = T0) {}
  readonly now = (): number => this.t;
  advance(ms: number): void {
    this.t += ms;
  }
}

/** A data dir removed when the running test finishes. */
export function tempDataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'hg-data-'));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** A key ring with its keys made, re-reading the store on every call (as if always stale). */
export async function testKeyRing(store: Store, clock: TestClock, dataDir = tempDataDir()): Promise<KeyRing> {
  const ring = new KeyRing(store, new KeyFiles(dataDir), { now: clock.now, recheckMs: 0 });
  await ring.ensureKeys();
  return ring;
}

export interface TestServer {
  app: ReturnType<typeof createApp>;
  services: Services;
  config: Config;
  clock: TestClock;
  /** Lines the server logged (SMS lines included). */
  logs: string[];
}

/** The real wiring of main.ts over the given store, with a test clock and a throw-away data dir. */
export async function testServer(store: Store, options: { production?: boolean; clock?: TestClock } = {}): Promise<TestServer> {
  const clock = options.clock ?? new TestClock();
  const dataDir = tempDataDir();
  const config = loadConfig({ HG_DATA_DIR: dataDir, HG_STATIC_DIR: join(dataDir, 'no-web'), NODE_ENV: options.production ? 'production' : 'test' });
  const logs: string[] = [];
  const log = (line: string) => void logs.push(line);
  const services = buildServices(config, store, { now: clock.now, log, recheckMs: 0 });
  await services.keys.ensureKeys();
  const app = createApp(services, { production: config.production, staticDir: config.staticDir, log });
  return { app, services, config, clock, logs };
}

/** The newest SMS code texted to a phone, read from the embedded outbox. */
export async function lastCodeFor(store: Store, phone: string): Promise<string> {
  const [msg] = await store.sms.recent(phone, 1);
  const code = msg?.body.match(/\d{6}/)?.[0];
  if (!code) throw new Error(`no code was texted to ${phone}`);
  return code;
}
