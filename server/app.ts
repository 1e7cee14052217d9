// createApp: the HTTP face of the server. Mounts the routes, the request-wide guards and the
// built PWA, and turns every failure into one JSON error shape in one place (onError).

import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { API } from '../shared/api.js';
import { AppError, type ErrorBody, type ErrorCode } from '../shared/errors.js';
import { authRoutes } from './routes/auth.js';
import { codeRoutes } from './routes/codes.js';
import type { AppEnv } from './routes/context.js';
import { devRoutes, type DevOutbox } from './routes/dev.js';
import { loadSession, rejectCrossSite } from './routes/middleware.js';
import { staticSite } from './routes/static.js';
import { syncRoutes } from './routes/sync.js';
import { trustRoutes } from './routes/trust.js';
import { venueRoutes } from './routes/venues.js';
import type { CodeService } from './services/codes.js';
import type { OtpService } from './services/otp.js';
import type { RedListService } from './services/redlist.js';
import type { SessionService } from './services/sessions.js';
import type { SyncService } from './services/sync.js';
import type { TrustService } from './services/trust.js';
import type { VenueService } from './services/venues.js';

export interface AppServices {
  otp: OtpService;
  sessions: SessionService;
  trust: TrustService;
  redList: RedListService;
  codes: CodeService;
  venues: VenueService;
  sync: SyncService;
  /** Present only outside production. */
  devOutbox: DevOutbox | undefined;
}

export interface AppOptions {
  production: boolean;
  staticDir: string;
  /** Take the client address from X-Forwarded-For (behind a reverse proxy). */
  trustProxy?: boolean;
  log?: (line: string) => void;
}

const HTTP_CODES: Partial<Record<number, ErrorCode>> = { 400: 'bad_request', 401: 'unauthenticated', 403: 'forbidden', 404: 'not_found', 413: 'payload_too_large' };

export function createApp(services: AppServices, options: AppOptions): Hono<AppEnv> {
  const log = options.log ?? console.error;
  const app = new Hono<AppEnv>();

  app.use('*', rejectCrossSite());
  app.use('/api/*', loadSession(services.sessions));
  app.get(API.health, (c) => c.json({ ok: true }));
  app.route('/', authRoutes(services.otp, services.sessions, { secureCookies: options.production, trustProxy: options.trustProxy ?? false }));
  app.route('/', trustRoutes(services.trust, services.redList));
  app.route('/', codeRoutes(services.codes));
  app.route('/', venueRoutes(services.venues));
  app.route('/', syncRoutes(services.sync));
  if (services.devOutbox && !options.production) app.route('/', devRoutes(services.devOutbox));
  app.all('/api/*', () => {
    throw new AppError('not_found', 'No such API endpoint.');
  });
  app.use('*', staticSite(options.staticDir));

  app.notFound((c) => c.json(errorBody('not_found', 'Not found.'), 404));
  app.onError((err, c) => {
    if (err instanceof AppError) {
      if (err.retryAfterSec !== undefined) c.header('Retry-After', String(err.retryAfterSec));
      return c.json(errorBody(err.code, err.message, err.retryAfterSec), err.status as ContentfulStatusCode);
    }
    if (err instanceof HTTPException && HTTP_CODES[err.status]) {
      return c.json(errorBody(HTTP_CODES[err.status]!, err.message || 'Request refused.'), err.status as ContentfulStatusCode);
    }
    log(`${c.req.method} ${c.req.path} failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    return c.json(errorBody('internal', 'Something went wrong on the server.'), 500);
  });
  return app;
}

function errorBody(code: ErrorCode, message: string, retryAfterSec?: number): ErrorBody {
  return { error: retryAfterSec === undefined ? { code, message } : { code, message, retryAfterSec } };
}
