// Request-wide guards mounted by app.ts: who is signed in (from the session cookie), which
// state-changing requests come from a foreign site, and which address a request came from.

import type { Context } from 'hono';
import { getCookie } from 'hono/cookie';
import { createMiddleware } from 'hono/factory';
import { getConnInfo } from '@hono/node-server/conninfo';
import { CrossSiteRequestError, NotFoundError } from '../../shared/errors.js';
import type { SessionService } from '../auth/sessions.js';
import type { AppEnv } from './context.js';

export const SESSION_COOKIE = 'hg_session';
const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export const loadSession = (sessions: SessionService) =>
  createMiddleware<AppEnv>(async (c, next) => {
    c.set('actor', await sessions.authenticate(getCookie(c, SESSION_COOKIE)));
    await next();
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

/** The peer address; with trustProxy, the address the nearest proxy reports in X-Forwarded-For. */
export function clientIp(c: Context<AppEnv>, trustProxy: boolean): string {
  if (trustProxy) {
    const forwarded = c.req.header('x-forwarded-for')?.split(',').at(-1)?.trim();
    if (forwarded) return forwarded;
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
