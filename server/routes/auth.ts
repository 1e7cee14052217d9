// Sign-in by SMS code, sign-out and "who am I". The cookie is set here; the rules live in the
// OTP and session services.

import { Hono } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { API, OtpRequestSchema, OtpVerifySchema, type MeResponse } from '../../shared/api.js';
import type { OtpService } from '../services/otp.js';
import type { SessionService } from '../services/sessions.js';
import { currentUser, readJson, type AppEnv } from './context.js';
import { clientIp, SESSION_COOKIE } from './middleware.js';

export interface AuthRouteOptions {
  /** Secure cookies (production: the app is served over HTTPS). */
  secureCookies: boolean;
  trustProxy: boolean;
}

export function authRoutes(otp: OtpService, sessions: SessionService, options: AuthRouteOptions): Hono<AppEnv> {
  const cookieBase = { path: '/', httpOnly: true, sameSite: 'Lax', secure: options.secureCookies } as const;
  return new Hono<AppEnv>()
    .post(API.otpRequest, async (c) => {
      const { phone } = await readJson(c, OtpRequestSchema);
      return c.json(await otp.request(phone, clientIp(c, options.trustProxy)));
    })
    .post(API.otpVerify, async (c) => {
      const body = await readJson(c, OtpVerifySchema);
      await otp.verify(body.phone, body.code, clientIp(c, options.trustProxy));
      // A new token at every sign-in: an old cookie planted before sign-in is worth nothing.
      await sessions.signOut(getCookie(c, SESSION_COOKIE));
      const s = await sessions.signIn(body.phone, body.remember, c.req.header('user-agent') ?? '');
      setCookie(c, SESSION_COOKIE, s.token, {
        ...cookieBase,
        ...(s.cookieMaxAgeSec !== undefined ? { maxAge: s.cookieMaxAgeSec } : {}),
      });
      return c.json({ user: await sessions.me(s.user) } satisfies MeResponse);
    })
    .post(API.signOut, async (c) => {
      await sessions.signOut(getCookie(c, SESSION_COOKIE));
      deleteCookie(c, SESSION_COOKIE, cookieBase);
      return c.json({ ok: true });
    })
    .get(API.me, async (c) => c.json({ user: await sessions.me(currentUser(c)) } satisfies MeResponse));
}
