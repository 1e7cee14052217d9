// The composition root: config → store → keys → services → app → listen. Nothing else lives
// here; the CLI's `serve` runs the same startServer.

import { pathToFileURL } from 'node:url';
import { serve } from '@hono/node-server';
import { createApp, type AppServices } from './app.js';
import { describeConfig, loadConfig, type Config } from './config.js';
import { KeyFiles } from './keys/files.js';
import { KeyRing } from './keys/keyring.js';
import { ServerCodeVerifier } from './services/code-verifier.js';
import { CodeService } from './services/codes.js';
import { OtpService } from './services/otp.js';
import { RedListService } from './services/redlist.js';
import { SessionService } from './services/sessions.js';
import { StatusService } from './services/status.js';
import { SyncService } from './services/sync.js';
import { TrustService } from './services/trust.js';
import { VenueService } from './services/venues.js';
import { HttpSmsSender } from './sms/http.js';
import { OutboxSmsSender } from './sms/outbox.js';
import { connect } from './store/connect.js';
import { createStore, type Store } from './store/store.js';

export interface Services extends AppServices {
  keys: KeyRing;
  status: StatusService;
  verifier: ServerCodeVerifier;
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
  const recheck = deps.recheckMs !== undefined ? { recheckMs: deps.recheckMs } : {};
  const keys = new KeyRing(store, files, { now, ...recheck });
  const outbox = new OutboxSmsSender(store, log, now);
  const sms = config.sms.kind === 'http' ? new HttpSmsSender(config.sms) : outbox;
  const otp = new OtpService(store, { secret: config.otpSecret ?? files.otpSecret(), sms, now, log });
  const sessions = new SessionService(store, now);
  const trust = new TrustService(keys, config.issuer, now);
  const redList = new RedListService(store, keys, { now, ...recheck });
  const verifier = new ServerCodeVerifier(keys, trust, redList);
  return {
    keys,
    otp,
    sessions,
    trust,
    redList,
    verifier,
    codes: new CodeService(store, keys, { issuer: config.issuer, ttlHours: config.codeTtlHours, now }),
    status: new StatusService(store, redList, now),
    venues: new VenueService(store),
    sync: new SyncService(store, verifier, { now, tzOffsetMinutes: config.tzOffsetMinutes }),
    devOutbox: config.production ? undefined : outbox,
  };
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
