// Request-wide guards mounted by app.ts: who is signed in (from the session cookie), which
// state-changing requests come from a foreign site, and which address a request came from.

import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import { secureHeaders } from 'hono/secure-headers';
import { getConnInfo } from '@hono/node-server/conninfo';
import { CrossSiteRequestError, NotFoundError } from '../../shared/errors.js';
import type { SessionService } from '../auth/sessions.js';
import { requestHeader, type AppEnv } from './context.js';

export const SESSION_COOKIE = 'hg_session';
/**
 * In production (HTTPS) the session cookie carries the __Host- prefix: the browser then takes it
 * only with Secure, Path=/ and no Domain, so no other host or path can plant or read it.
 */
export const HOST_SESSION_COOKIE = `__Host-${SESSION_COOKIE}`;
export const sessionCookieName = (production: boolean): string => (production ? HOST_SESSION_COOKIE : SESSION_COOKIE);
const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export const loadSession = (sessions: SessionService, cookieName: string = SESSION_COOKIE) =>
  createMiddleware<AppEnv>(async (c, next) => {
    const token = cookieValue(requestHeader(c, 'cookie'), cookieName);
    c.set('actor', sessions.heldActor(token) ?? (await sessions.authenticate(token)));
    await next();
  });

/** One cookie's value from a Cookie header (name=value pairs separated by semicolons); undefined if absent. */
export function cookieValue(header: string | undefined, name: string): string | undefined {
  if (!header || !header.includes(name)) return undefined;
  for (const pair of header.split(';')) {
    const eq = pair.indexOf('=');
    if (eq !== -1 && pair.slice(0, eq).trim() === name) {
      const value = pair.slice(eq + 1).trim();
      return value.length >= 2 && value.startsWith('"') && value.endsWith('"') ? value.slice(1, -1) : value;
    }
  }
  return undefined;
}

/**
 * The browser's own guards on every answer, through Hono's secureHeaders: a CSP of this origin
 * only (scripts from files, never inline; the scanner's .wasm needs 'wasm-unsafe-eval'), no
 * framing, no MIME sniffing, no Referer, the camera for this origin only; HSTS and upgraded
 * requests in production (HTTPS). Development gets the same CSP, so the e2e suite runs under it.
 */
export const browserGuards = (production: boolean) =>
  secureHeaders({
    contentSecurityPolicy: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'", "'wasm-unsafe-eval'"],
      styleSrc: ["'self'"],
      imgSrc: ["'self'", 'data:'],
      connectSrc: ["'self'"],
      workerSrc: ["'self'"],
      manifestSrc: ["'self'"],
      objectSrc: ["'none'"],
      baseUri: ["'none'"],
      formAction: ["'self'"],
      frameAncestors: ["'none'"],
      ...(production ? { upgradeInsecureRequests: [] } : {}),
    },
    xFrameOptions: 'DENY',
    referrerPolicy: 'no-referrer',
    permissionsPolicy: { camera: ['self'], microphone: [], geolocation: [], payment: [], usb: [] },
    strictTransportSecurity: production ? 'max-age=31536000; includeSubDomains' : false,
    crossOriginOpenerPolicy: 'same-origin',
    crossOriginResourcePolicy: 'same-origin',
  });

/** No /api answer is kept by the browser or a proxy: they are personal, or change by the second. */
export const noStoreApi = () =>
  createMiddleware<AppEnv>(async (c, next) => {
    await next();
    c.res.headers.set('Cache-Control', 'no-store');
  });

/**
 * SameSite=Lax already keeps the cookie off cross-site POSTs; this also refuses them outright, by
 * Sec-Fetch-Site where the browser sends it and by Origin (compared with Host) where it does not.
 */
export const rejectCrossSite = () =>
  createMiddleware<AppEnv>(async (c, next) => {
    if (STATE_CHANGING.has(c.req.method)) {
      const site = c.req.header('sec-fetch-site');
      const origin = c.req.header('origin');
      if (site === 'cross-site' || (origin !== undefined && !sameHost(origin, c.req.header('host') ?? new URL(c.req.url).host))) {
        throw new CrossSiteRequestError();
      }
    }
    await next();
  });

function sameHost(origin: string, host: string): boolean {
  try {
    return new URL(origin).host === host;
  } catch {
    return false; // "null" and garbage origins are foreign.
  }
}

/**
 * The client's address. Behind `trustProxy` proxies (true = 1), X-Forwarded-For is read from the
 * right: each proxy appends the address it was reached from, so with N proxies the client is the
 * N-th entry from the end; entries further left are the client's own claims and are never taken.
 * A request with fewer entries than proxies did not come through them all: its socket counts.
 */
export function clientIp(c: Context<AppEnv>, trustProxy: boolean | number): string {
  const hops = trustProxy === true ? 1 : trustProxy === false ? 0 : trustProxy;
  if (hops > 0) {
    const entries = (c.req.header('x-forwarded-for') ?? '').split(',').map((s) => s.trim()).filter(Boolean);
    const client = entries[entries.length - hops];
    if (client) return client;
  }
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'unknown'; // app.request() in tests has no socket.
  }
}

/**
 * Development endpoints answer only a browser on this machine: a peer on the loopback address with
 * no proxy header (a local reverse proxy forwarding the LAN would otherwise look local). Anyone
 * else gets the same 404 as for a route that does not exist. In-process requests (tests) have no
 * socket and no network to come from.
 */
export const onlyFromLoopback = () =>
  createMiddleware<AppEnv>(async (c, next) => {
    let peer: string | undefined;
    let hasSocket = true;
    try {
      peer = getConnInfo(c).remote.address;
    } catch {
      hasSocket = false;
    }
    const proxied = c.req.header('x-forwarded-for') !== undefined || c.req.header('forwarded') !== undefined;
    if (proxied || (hasSocket && !isLoopback(peer))) throw new NotFoundError('No such API endpoint.');
    await next();
  });

export function isLoopback(address: string | undefined): boolean {
  if (!address) return false;
  return address === '::1' || /^127\./.test(address) || /^::ffff:127\./i.test(address);
}
