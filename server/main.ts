// The composition root: config → store → keys → services → app → listen. Nothing else lives
// here; the CLI's `serve` runs the same startServer.

import { pathToFileURL } from 'node:url';
import { serve } from '@hono/node-server';
import { createApp, type AppServices } from './app.js';
import { describeConfig, loadConfig, type Config } from './config.js';
import { KeyFiles } from './keys/files.js';
import { KeyRing } from './keys/keyring.js';
import { OtpService } from './services/otp.js';
import { SessionService } from './services/sessions.js';
import { SyncService } from './services/sync.js';
import { TrustService } from './services/trust.js';
import { HttpSmsSender } from './sms/http.js';
import { OutboxSmsSender } from './sms/outbox.js';
import { connect } from './store/connect.js';
import { createStore, type Store } from './store/store.js';

export interface Services extends AppServices {
  keys: KeyRing;
}

export interface ServiceDeps {
  now?: () => number;
  log?: (line: string) => void;
  /** How often to look for key and red-list changes made by other processes. */
  recheckMs?: number;
}

export function buildServices(config: Config, store: Store, deps: ServiceDeps = {}): Services {
  const now = deps.now ?? Date.now;
  const log = deps.log ?? console.log;
  const files = new KeyFiles(config.dataDir);
  const keys = new KeyRing(store, files, { now, ...(deps.recheckMs !== undefined ? { recheckMs: deps.recheckMs } : {}) });
  const outbox = new OutboxSmsSender(store, log, now);
  const sms = config.sms.kind === 'http' ? new HttpSmsSender(config.sms) : outbox;
  const otp = new OtpService(store, { secret: config.otpSecret ?? files.otpSecret(), sms, now, log });
  const sessions = new SessionService(store, now);
  const trust = new TrustService(keys, config.issuer, now);
  const sync = new SyncService(store, { verify: async () => ({ kind: 'malformed', detail: 'not wired', basis: { trustVersion: null, trustAgeMs: null, redListVersion: null, redListAgeMs: null, codeAgeMs: null } }) }, { now, tzOffsetMinutes: config.tzOffsetMinutes });
  return { keys, otp, sessions, trust, sync, devOutbox: config.production ? undefined : outbox };
}

export interface RunningServer {
  url: string;
  close(): Promise<void>;
}

export async function startServer(config: Config, deps: ServiceDeps = {}): Promise<RunningServer> {
  const log = deps.log ?? console.log;
  log(`healthgate starting: ${JSON.stringify(describeConfig(config))}`);
  const store = createStore(await connect({ url: config.databaseUrl }));
  const services = buildServices(config, store, deps);
  await services.keys.ensureKeys();
  const app = createApp(services, { production: config.production, staticDir: config.staticDir });
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const s = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, () => resolve(s));
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const url = `http://${config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host}:${port}`;
  log(`healthgate listening on ${url}`);
  let closing: Promise<void> | undefined;
  const close = () =>
    (closing ??= (async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await store.close();
    })());
  return { url, close };
}

async function main(): Promise<void> {
  const config = loadConfig();
  const running = await startServer(config);
  const stop = (signal: string) => {
    console.log(`${signal}: shutting down`);
    running.close().then(
      () => process.exit(0),
      (e: unknown) => {
        console.error(e);
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((e: unknown) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  });
}
