// createApp: the HTTP face of the server. Mounts every area's routes from the shared contract, the
// request-wide guards and the built PWA, and answers every failure in one JSON shape (onError).

import { Hono } from 'hono';
import { NotFoundError } from '../shared/errors.js';
import { accountRoutes } from './account/routes.js';
import type { AccountControlService } from './account/control.js';
import type { DeviceSessionService } from './account/sessions.js';
import { recordsRoutes } from './records/routes.js';
import type { RecordsService } from './records/service.js';
import { authRoutes } from './auth/routes.js';
import { authorityRoutes, type AuthorityServices } from './authority/routes.js';
import type { OtpService } from './auth/otp.js';
import type { SessionService } from './auth/sessions.js';
import { checkpointRoutes } from './checkpoints/routes.js';
import type { CheckpointMerge } from './checkpoints/merge.js';
import type { AppEnv } from './http/context.js';
import { answerError, errorBody } from './http/errors.js';
import { ApiRouter } from './http/route.js';
import { browserGuards, loadSession, noStoreApi, onlyFromLoopback, rejectCrossSite, sessionCookieName } from './http/security.js';
import { staticSite } from './http/static.js';
import { gatePolicyRoutes, listRoutes } from './lists/routes.js';
import type { RedListService } from './lists/redlist.js';
import type { TrustService } from './lists/trust.js';
import type { CodeCache } from './people/code-cache.js';
import type { CodeService } from './people/codes.js';
import type { DeviceKeyService } from './people/device-keys.js';
import type { GatePolicy } from '../shared/api/gate.js';
import { cachedCodeFirst, peopleRoutes } from './people/routes.js';
import { peopleApi } from '../shared/api/people.js';
import { holderRoutes } from './holders/routes.js';
import type { MemberService } from './holders/members.js';
import type { ResidentService } from './holders/residents.js';
import type { PrintedCodeService } from './holders/printed.js';
import type { TravellerService } from './holders/travellers.js';
import type { DevSmsOutbox } from './sms/dev-outbox.js';
import { devSmsRoutes } from './sms/routes.js';
import { statsRoutes } from './stats/routes.js';
import type { StatsExport } from './stats/export.js';
import type { StatsService } from './stats/service.js';
import { orgRoutes } from './orgs/routes.js';
import type { OrgServices } from './orgs/service.js';
import { venueRoutes } from './venues/routes.js';
import type { VenueService } from './venues/service.js';
import { systemApi } from '../shared/api/system.js';

export interface AppServices {
  otp: OtpService;
  sessions: SessionService;
  trust: TrustService;
  redList: RedListService;
  codes: CodeService;
  venues: VenueService;
  checkpoints: CheckpointMerge;
  /** Present only outside production. */
  devSms: DevSmsOutbox | undefined;
  deviceKeys: DeviceKeyService;
  gatePolicy: GatePolicy;
  deviceSessions: DeviceSessionService;
  /** Serves a person's current code again until half its life or a change (people/code-cache.ts). */
  codeCache?: CodeCache;
  stats: StatsService;
  statsExport: StatsExport;
  accountControl: AccountControlService;
  records: RecordsService;
  travellers: TravellerService;
  residents: ResidentService;
  members: MemberService;
  printed: PrintedCodeService;
  authority: AuthorityServices;
  orgs: OrgServices;
}

export interface AppOptions {
  production: boolean;
  staticDir: string;
  /** Take the client address from X-Forwarded-For (behind a reverse proxy). */
  /** true = one proxy; a number = that many proxies in front. */
  trustProxy?: boolean | number;
  log?: (line: string) => void;
}

export interface App {
  hono: Hono<AppEnv>;
  /** The endpoints mounted, for the contract test. */
  api: ApiRouter;
}

export function createApp(services: AppServices, options: AppOptions): Hono<AppEnv> {
  return buildApp(services, options).hono;
}

export function buildApp(services: AppServices, options: AppOptions): App {
  const log = options.log ?? console.error;
  const hono = new Hono<AppEnv>();
  // Outside production every answer is checked against its response schema: drift fails tests.
  const api = new ApiRouter(hono, { checkResponses: !options.production });

  // A phone's cached code at rush hour, answered before everything below (people/routes.ts): a guard
  // added below that must hold for GET /api/me/code holds there too, or that path falls through.
  if (services.codeCache) hono.use(peopleApi.myCode.path, cachedCodeFirst(services.sessions, services.codeCache, sessionCookieName(options.production)));
  hono.use('*', browserGuards(options.production));
  hono.use('/api/*', noStoreApi());
  hono.use('*', rejectCrossSite());
  hono.use('/api/*', loadSession(services.sessions, sessionCookieName(options.production)));
  api.on(systemApi.health, async () => ({ ok: true }));
  authRoutes(api, services.otp, services.sessions, { secureCookies: options.production, trustProxy: options.trustProxy ?? false });
  listRoutes(api, services.trust, services.redList);
  peopleRoutes(api, services.codes, services.deviceKeys, services.codeCache);
  holderRoutes(api, services, { trustProxy: options.trustProxy ?? false, secureCookies: options.production });
  venueRoutes(api, services.venues);
  checkpointRoutes(api, services.checkpoints);
  gatePolicyRoutes(api, services.gatePolicy);
  accountRoutes(api, services.deviceSessions, services.accountControl, { secureCookies: options.production, trustProxy: options.trustProxy ?? false });
  recordsRoutes(api, services.records);
  authorityRoutes(api, services.authority);
  orgRoutes(api, services.orgs);
  if (services.devSms && !options.production) {
    hono.use('/api/dev/*', onlyFromLoopback());
    devSmsRoutes(api, services.devSms);
  }
  statsRoutes(api, services.stats, services.statsExport);
  hono.all('/api/*', () => {
    throw new NotFoundError('No such API endpoint.');
  });
  hono.use('*', staticSite(options.staticDir));

  hono.notFound((c) => c.json(errorBody('not_found', 'Not found.'), 404));
  hono.onError((err, c) => answerError(err, c, log));
  return { hono, api };
}
