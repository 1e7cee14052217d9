// Sign-in by SMS code, sign-out and "who am I". The cookie is set here; the rules live in the
// OTP and session services.

import type { Context } from 'hono';
import { deleteCookie, setCookie } from 'hono/cookie';
import { authApi, type MeResponse } from '../../shared/api/auth.js';
import type { Role } from '../../shared/roles.js';
import { clientIp, cookieValue, HOST_SESSION_COOKIE, SESSION_COOKIE, sessionCookieName } from '../http/security.js';
import { requestHeader, type AppEnv } from '../http/context.js';
import type { ApiRouter } from '../http/route.js';
import type { OtpService } from './otp.js';
import type { SessionService } from './sessions.js';

export interface AuthRouteOptions {
  /** Secure cookies (production: the app is served over HTTPS). */
  secureCookies: boolean;
  trustProxy: boolean | number;
}

/**
 * The session cookie in one place: read, set (a browser-session cookie without maxAgeSec), cleared.
 * With `secure` (production, HTTPS) it is __Host-hg_session: Secure, Path=/ and no Domain, so no
 * other host or path can plant or read it.
 */
export const sessionCookie = {
  read: (c: Context<AppEnv>): string | undefined => {
    const header = requestHeader(c, 'cookie');
    return cookieValue(header, HOST_SESSION_COOKIE) ?? cookieValue(header, SESSION_COOKIE);
  },
  set(c: Context<AppEnv>, token: string, secure: boolean, maxAgeSec?: number): void {
    setCookie(c, sessionCookieName(secure), token, { ...cookieBase(secure), ...(maxAgeSec !== undefined ? { maxAge: maxAgeSec } : {}) });
  },
  clear(c: Context<AppEnv>, secure: boolean): void {
    deleteCookie(c, sessionCookieName(secure), cookieBase(secure));
  },
};
const cookieBase = (secure: boolean) => ({ path: '/', httpOnly: true, sameSite: 'Lax', secure }) as const;

/** Signs the phone's account in after its SMS code was verified: the cookie set, the answer who it is. */
export async function startSession(c: Context<AppEnv>, sessions: SessionService, phone: string, remember: boolean, secure: boolean, as?: Role): Promise<MeResponse> {
  // A new token at every sign-in: an old cookie planted before sign-in is worth nothing.
  await sessions.signOut(sessionCookie.read(c));
  const s = await sessions.signIn(phone, remember, c.req.header('user-agent') ?? '', as);
  sessionCookie.set(c, s.token, secure, s.cookieMaxAgeSec);
  return { user: await sessions.me(s.user) };
}

export function authRoutes(api: ApiRouter, otp: OtpService, sessions: SessionService, options: AuthRouteOptions): void {
  api.on(authApi.otpRequest, async ({ body, c }) => otp.request(body.phone, clientIp(c, options.trustProxy)));

  api.on(authApi.otpVerify, async ({ body, c }) => {
    await otp.verify(body.phone, body.code, clientIp(c, options.trustProxy));
    return startSession(c, sessions, body.phone, body.remember, options.secureCookies);
  });

  api.on(authApi.signOut, async ({ c }) => {
    await sessions.signOut(sessionCookie.read(c));
    sessionCookie.clear(c, options.secureCookies);
    // Production: the site's cookies and HTTP cache go too. Not its storage: a gate's unsynced records live there.
    if (options.secureCookies) c.header('Clear-Site-Data', '"cache", "cookies"');
    return { ok: true };
  });

  api.on(authApi.me, async ({ actor }) => ({ user: await sessions.me(actor) }));
}
