// The composition root: config → store → keys → services → app → listen, and a clean stop on
// SIGTERM/SIGINT. Nothing else lives here; the CLI's `serve` runs the same startServer.

import { pathToFileURL } from 'node:url';
import { serve } from '@hono/node-server';
import { createApp, type AppServices } from './app.js';
import { ConfigError, describeConfig, loadConfig, type Config } from './config.js';
import type { Actor } from './auth/actor.js';
import { OtpService } from './auth/otp.js';
import { SessionService } from './auth/sessions.js';
import { AccountControlService } from './account/control.js';
import { DeviceSessionService } from './account/sessions.js';
import { RecordsService } from './records/service.js';
import { CheckpointMerge } from './checkpoints/merge.js';
import { demoSignInHelp, SeedService } from './demo/seed.js';
import { KeyFiles, secureDataDir } from './keys/files.js';
import { KeyRing } from './keys/keyring.js';
import { RedListService } from './lists/redlist.js';
import { TrustService } from './lists/trust.js';
import { ServerCodeVerifier } from './lists/verifier.js';
import { CodeCache } from './people/code-cache.js';
import { CodeService } from './people/codes.js';
import { DeviceKeyService } from './people/device-keys.js';
import { MemberService } from './holders/members.js';
import { PrintedCodeService } from './holders/printed.js';
import { TravellerService } from './holders/travellers.js';
import { ResidentService } from './holders/residents.js';
import { TableRegistry, type IdentityRegistry } from './registry/registry.js';
import { DEFAULT_LIVE_TOLERANCE_MS } from '../shared/clock.js';
import { StatusService } from './people/status.js';
import { ImportService, StatusSweeper } from './authority/import.js';
import { AuthorityConsole, FeedTokens } from './authority/console.js';
import { DevSmsOutbox } from './sms/dev-outbox.js';
import { HttpSmsSender } from './sms/http.js';
import type { SmsSender } from './sms/sender.js';
import { StatsExport } from './stats/export.js';
import { DayRecounter } from './stats/recounter.js';
import { StatsService } from './stats/service.js';
import { VenueService } from './venues/service.js';
import { orgServices } from './orgs/service.js';
import { connect } from './store/connect.js';
import { createStore, type Store } from './store/store.js';

export interface Services extends AppServices {
  keys: KeyRing;
  status: StatusService;
  verifier: ServerCodeVerifier;
  seed: SeedService;
  registry: IdentityRegistry;
  imports: ImportService;
  sweeper: StatusSweeper;
  recounter: DayRecounter;
}

export interface ServiceDeps {
  now?: () => number;
  log?: (line: string) => void;
  /** How often to look for key and red-list changes made by other processes. */
  recheckMs?: number;
  /** Tests: the SMS carrier instead of the configured one. */
  sms?: SmsSender;
  /** Tests: 'manual' counts changed venue days only when the recounter is flushed. */
  recountDelayMs?: number | 'manual';
}

export function buildServices(config: Config, store: Store, deps: ServiceDeps = {}): Services {
  const now = deps.now ?? Date.now;
  const log = deps.log ?? console.log;
  const recheck = deps.recheckMs !== undefined ? { recheckMs: deps.recheckMs } : {};
  const files = new KeyFiles(config.dataDir);
  const keys = new KeyRing(store, files, { now, ...recheck });
  const devSms = new DevSmsOutbox(store, log, now);
  const sms = deps.sms ?? (config.sms.kind === 'http' ? new HttpSmsSender(config.sms) : devSms);
  const trust = new TrustService(keys, config.issuer, now);
  const redList = new RedListService(store, keys, { now, ...recheck });
  const gatePolicy = { acceptWithoutProof: config.acceptUnboundCodes, liveToleranceMs: DEFAULT_LIVE_TOLERANCE_MS, maxValidityHours: config.maxValidityHours };
  const verifier = new ServerCodeVerifier(keys, trust, redList, gatePolicy);
  const stats = new StatsService(store, now);
  // Venue days changed by merges and check-ins are counted again off the request path.
  const recounter = new DayRecounter(stats, { log, ...(deps.recountDelayMs !== undefined ? { delayMs: deps.recountDelayMs } : {}) });
  const otp = new OtpService(store, { secret: config.otpSecret ?? files.otpSecret(), sms, now, log });
  const deviceSessions = new DeviceSessionService(store, now);
  // The embedded registry; a deployment with a registry service puts its client here.
  const registry = new TableRegistry(store);
  const codes = new CodeService(store, keys, { issuer: config.issuer, ttlHours: config.codeTtlHours, now });
  const members = new MemberService(store, registry, now);
  const records = new RecordsService(store, members, now);
  // A red-list entry is kept until every code it can catch has expired.
  const authority = { maxCodeValidityMs: config.codeTtlHours * 3600_000, now };
  const imports = new ImportService(store, redList, authority);
  const status = new StatusService(store, redList, now, authority.maxCodeValidityMs);
  return {
    imports,
    authority: { console: new AuthorityConsole(store, keys, redList, now), imports, feedTokens: new FeedTokens(store, now), keys, status },
    sweeper: new StatusSweeper(store, redList, authority),
    keys,
    otp,
    sessions: new SessionService(store, now),
    trust,
    redList,
    verifier,
    codes,
    status,
    venues: new VenueService(store, now, { keys, trust, onDaysChanged: recounter.changed }),
    seed: new SeedService(store, now),
    checkpoints: new CheckpointMerge(store, verifier, { now, onDaysChanged: recounter.changed }),
    recounter,
    devSms: config.devRoutes && !config.production ? devSms : undefined,
    deviceKeys: new DeviceKeyService(store, now),
    stats,
    statsExport: new StatsExport(store, stats, now),
    gatePolicy,
    deviceSessions,
    codeCache: new CodeCache(store, keys, { now }),
    records,
    accountControl: new AccountControlService(store, otp, records, deviceSessions, now),
    registry,
    travellers: new TravellerService(store, registry, { sms, now, log }),
    residents: new ResidentService(store, members, otp, now),
    members,
    orgs: orgServices(store, members, now),
    printed: new PrintedCodeService(store, codes, members, redList, { validDays: config.printedCodeDays, now }),
  };
}

/** The server acting on its own at start: first keys, demo data on an empty database. */
export const SERVER_ACTOR: Actor = { kind: 'system', name: 'server-start' };

export interface RunningServer {
  url: string;
  close(): Promise<void>;
}

export async function startServer(config: Config, deps: ServiceDeps = {}, options: { seedIfEmpty?: boolean } = {}): Promise<RunningServer> {
  const log = deps.log ?? console.log;
  if (config.production && options.seedIfEmpty) {
    throw new ConfigError('--seed-if-empty is refused with NODE_ENV=production: the demo accounts would let anyone sign in as an admin');
  }
  log(`healthgate config: ${JSON.stringify(describeConfig(config))}`);
  secureDataDir(config.dataDir);
  const store = createStore(await connect({ url: config.databaseUrl }));
  try {
    const services = buildServices(config, store, deps);
    const keys = await services.keys.ensureKeys(SERVER_ACTOR);
    if (keys.createdRoot) log(`Created a new trust root: ${services.keys.files.trustRootsPublicPath} (rebuild the PWA to embed it).`);
    const seeded = options.seedIfEmpty && (await services.seed.isEmpty()) ? await services.seed.seed(SERVER_ACTOR) : undefined;
    const app = createApp(services, { production: config.production, staticDir: config.staticDir, trustProxy: config.proxyHops, log: deps.log ?? ((l) => console.error(l)) });
    const server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
      const s = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, () => resolve(s));
      s.once('error', reject);
    });
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    const host = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
    const url = `http://${host}:${port}`;
    if (seeded) log(`Seeded demo data on the empty database.`);
    if (options.seedIfEmpty) log(demoSignInHelp(url, services.devSms !== undefined));
    log(`healthgate is running: open ${url}`);
    // Time alone changes statuses (a quarantine ends) and retires red-list entries: check every minute.
    const SWEEPER: Actor = { kind: 'system', name: 'status-sweep' };
    const sweep = setInterval(() => {
      services.sweeper.sweep(SWEEPER).catch((e: unknown) => console.error('status sweep failed:', e));
      // And venue days whose counts nobody here made again (a bulk import, another process that stopped).
      services.recounter.sweep().catch((e: unknown) => console.error('recount sweep failed:', e));
    }, 60_000);
    sweep.unref();
    let closing: Promise<void> | undefined;
    const close = () =>
      (closing ??= (async () => {
        clearInterval(sweep);
        await services.recounter.close();
        const closed = new Promise<void>((resolve) => server.close(() => resolve()));
        // Idle keep-alive connections would hold close() open; requests in flight may finish.
        if ('closeIdleConnections' in server) server.closeIdleConnections();
        await closed;
        await store.close();
      })());
    return { url, close };
  } catch (e) {
    await store.close();
    throw e;
  }
}

/** Stops the server cleanly on SIGTERM or SIGINT, then exits. */
export function stopOnSignals(running: RunningServer): void {
  const stop = (signal: string) => {
    console.log(`${signal}: stopping`);
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
  (async () => stopOnSignals(await startServer(loadConfig())))().catch((e: unknown) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  });
}
