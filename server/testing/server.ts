// Test fixtures for server tests: a settable clock, a key ring over a throw-away data dir, the
// real app over a test store, and signing in through the real routes. Never imported by
// application code (lint refuses it).

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { onTestFinished } from 'vitest';
import { T0 } from '../../shared/testing.js';
import { buildApp } from '../app.js';
import type { Actor } from '../auth/actor.js';
import type { ApiRouter } from '../http/route.js';
import { KeyFiles } from '../keys/files.js';
import { KeyRing } from '../keys/keyring.js';
import { loadConfig, type Config } from '../config.js';
import { buildServices, type Services } from '../main.js';
import { DevSmsOutbox } from '../sms/dev-outbox.js';
import type { Store } from '../store/store.js';

/** Who acts in tests that need an actor for the audit log. */
export const TEST_ACTOR: Actor = { kind: 'operator', name: 'test' };

export class TestClock {
  constructor(public t: number = T0) {}
  readonly now = (): number => this.t;
  advance(ms: number): void {
    this.t += ms;
  }
}

/** The settings production insists on, with a provider address nothing listens at. */
export const PRODUCTION_TEST_ENV = {
  HG_SMS_PROVIDER_URL: 'http://127.0.0.1:9/sms',
  HG_SMS_PROVIDER_TOKEN: 'test-token',
  HG_OTP_SECRET: 'Zk3q9Xv2Lr8Tn4Wb7Yc1Hd6Jm5Pa0Se_-AbCdEf',
};

/** A data dir removed when the running test finishes. */
export function tempDataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'hg-data-'));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** A key ring with its keys made, re-reading the store on every call (as if always stale). */
export async function testKeyRing(store: Store, clock: TestClock, dataDir = tempDataDir()): Promise<KeyRing> {
  const ring = new KeyRing(store, new KeyFiles(dataDir), { now: clock.now, recheckMs: 0 });
  await ring.ensureKeys(TEST_ACTOR);
  return ring;
}

export interface TestServer {
  app: ReturnType<typeof buildApp>['hono'];
  api: ApiRouter;
  services: Services;
  config: Config;
  clock: TestClock;
  /** Lines the server logged (SMS lines included). */
  logs: string[];
}

/** The real wiring of main.ts over the given store, with a test clock and a throw-away data dir. */
export async function testServer(store: Store, options: { production?: boolean; clock?: TestClock; recheckMs?: number } = {}): Promise<TestServer> {
  const clock = options.clock ?? new TestClock();
  const dataDir = tempDataDir();
  const config = loadConfig({
    HG_DATA_DIR: dataDir,
    HG_STATIC_DIR: join(dataDir, 'no-web'),
    NODE_ENV: options.production ? 'production' : 'test',
    ...(options.production ? PRODUCTION_TEST_ENV : {}),
  });
  const logs: string[] = [];
  const log = (line: string) => void logs.push(line);
  // Production sends through a provider; here its texts land (unlogged) where lastCodeFor reads.
  const sms = options.production ? new DevSmsOutbox(store, () => {}, clock.now) : undefined;
  // Changed venue days are counted when a test flushes the recounter, never behind its back.
  const services = buildServices(config, store, { now: clock.now, log, recheckMs: options.recheckMs ?? 0, recountDelayMs: 'manual', ...(sms ? { sms } : {}) });
  await services.keys.ensureKeys(TEST_ACTOR);
  const { hono, api } = buildApp(services, { production: config.production, staticDir: config.staticDir, trustProxy: config.trustProxy, log });
  return { app: hono, api, services, config, clock, logs };
}

/** The newest SMS code texted to a phone, read from the development outbox. */
export async function lastCodeFor(store: Store, phone: string): Promise<string> {
  const [msg] = await store.devSms.recent(phone, 1);
  const code = msg?.body.match(/\d{6}/)?.[0];
  if (!code) throw new Error(`no code was texted to ${phone}`);
  return code;
}

/** Signs in through the real routes (SMS code from the outbox) and returns the Cookie header. */
export async function signInAs(t: TestServer, store: Store, phone: string): Promise<string> {
  const post = (path: string, body: unknown) =>
    t.app.request(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const requested = await post('/api/auth/otp/request', { phone });
  if (requested.status !== 200) throw new Error(`OTP request for ${phone} failed: ${await requested.text()}`);
  const res = await post('/api/auth/otp/verify', { phone, code: await lastCodeFor(store, phone) });
  if (res.status !== 200) throw new Error(`sign-in as ${phone} failed: ${await res.text()}`);
  // The next sign-in of the same phone must not trip the 60 s resend rule.
  t.clock.advance(61_000);
  return res.headers.get('set-cookie')!.split(';')[0]!;
}

/** People and accounts for route tests: a green and a red holder, an inspector bound to a venue. */
export async function seedPeople(store: Store): Promise<void> {
  const person = (id: string, sub: string, name: string, status: 'green' | 'red', reason: string) =>
    store.people.createPerson({ id, sub, name, document_no: null, status, reason, status_changed_at: 1, created_at: 1 });
  await person('p-green', 'Z3JlZW4tMDE', '张小明', 'green', 'none');
  await person('p-red', 'cmVkLTAwMDE', '李红', 'red', 'close-contact');
  const user = (id: string, phone: string, role: 'holder' | 'inspector' | 'manager' | 'admin', personId: string | null) =>
    store.accounts.createUser({ id, phone, role, person_id: personId, created_at: 1 });
  await user('u-insp', '+8613800000001', 'inspector', null);
  await user('u-green', '+8613800000002', 'holder', 'p-green');
  await user('u-red', '+8613800000003', 'holder', 'p-red');
  await user('u-mgr', '+8613800000004', 'manager', null);
  await store.venues.createVenue({ id: 'venue-demo', name: '示范商场 Demo Mall', created_at: 1 });
  await store.venues.createVenue({ id: 'venue-other', name: 'Other', created_at: 1 });
  await store.venues.bindInspector('u-insp', 'venue-demo', 1);
}
