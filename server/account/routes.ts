// The account's own devices: thin routes over DeviceSessionService. Ending or forgetting this
// device also changes its cookie (cleared, or made a browser-session cookie).

import * as v from 'valibot';
import { accountApi, SessionIdSchema } from '../../shared/api/account.js';
import { NotFoundError } from '../../shared/errors.js';
import { sessionCookie } from '../auth/routes.js';
import type { ApiRouter } from '../http/route.js';
import type { DeviceSessionService } from './sessions.js';

export interface AccountRouteOptions {
  secureCookies: boolean;
}

/** A malformed id is answered like an unknown one. */
function sessionId(params: Record<string, string>): string {
  const id = params.id ?? '';
  if (!v.is(SessionIdSchema, id)) throw new NotFoundError('No such session.');
  return id;
}

export function accountRoutes(api: ApiRouter, devices: DeviceSessionService, options: AccountRouteOptions): void {
  api.on(accountApi.sessions, async ({ actor }) => ({ sessions: await devices.list(actor) }));

  api.on(accountApi.endOtherSessions, async ({ actor }) => ({ ended: await devices.endOthers(actor) }));

  api.on(accountApi.endSession, async ({ actor, params, c }) => {
    const { current } = await devices.end(actor, sessionId(params));
    if (current) sessionCookie.clear(c, options.secureCookies);
    return { ok: true };
  });

  api.on(accountApi.forgetSession, async ({ actor, params, c }) => {
    const { current } = await devices.forget(actor, sessionId(params));
    const token = sessionCookie.read(c);
    // The same token, without Max-Age: the browser drops it when it closes.
    if (current && token) sessionCookie.set(c, token, options.secureCookies);
    return { ok: true };
  });
}
