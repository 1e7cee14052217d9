// Sign-in by SMS code, sign-out and "who am I". The cookie is set here; the rules live in the
// OTP and session services.

import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { authApi } from '../../shared/api/auth.js';
import { clientIp, SESSION_COOKIE } from '../http/security.js';
import type { ApiRouter } from '../http/route.js';
import type { OtpService } from './otp.js';
import type { SessionService } from './sessions.js';

export interface AuthRouteOptions {
  /** Secure cookies (production: the app is served over HTTPS). */
  secureCookies: boolean;
  trustProxy: boolean;
}

export function authRoutes(api: ApiRouter, otp: OtpService, sessions: SessionService, options: AuthRouteOptions): void {
  const cookieBase = { path: '/', httpOnly: true, sameSite: 'Lax', secure: options.secureCookies } as const;

  api.on(authApi.otpRequest, async ({ body, c }) => otp.request(body.phone, clientIp(c, options.trustProxy)));

  api.on(authApi.otpVerify, async ({ body, c }) => {
    await otp.verify(body.phone, body.code, clientIp(c, options.trustProxy));
    // A new token at every sign-in: an old cookie planted before sign-in is worth nothing.
    await sessions.signOut(getCookie(c, SESSION_COOKIE));
    const s = await sessions.signIn(body.phone, body.remember, c.req.header('user-agent') ?? '');
    setCookie(c, SESSION_COOKIE, s.token, { ...cookieBase, ...(s.cookieMaxAgeSec !== undefined ? { maxAge: s.cookieMaxAgeSec } : {}) });
    return { user: await sessions.me(s.user) };
  });

  api.on(authApi.signOut, async ({ c }) => {
    await sessions.signOut(getCookie(c, SESSION_COOKIE));
    deleteCookie(c, SESSION_COOKIE, cookieBase);
    return { ok: true };
  });

  api.on(authApi.me, async ({ actor }) => ({ user: await sessions.me(actor) }));
}
