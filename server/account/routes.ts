// The account's own devices: thin routes over DeviceSessionService. Ending or forgetting this
// device also changes its cookie (cleared, or made a browser-session cookie).

import * as v from 'valibot';
import { accountApi, accountControlApi, SessionIdSchema } from '../../shared/api/account.js';
import { NotFoundError } from '../../shared/errors.js';
import { sessionCookie } from '../auth/routes.js';
import { contentDisposition } from '../exports/content-disposition.js';
import { csvStream } from '../exports/csv.js';
import { CSV_CONTENT_TYPE } from '../exports/table.js';
import { clientIp } from '../http/security.js';
import type { ApiRouter } from '../http/route.js';
import { EXPORT_TABLE, exportLines } from '../records/export.js';
import type { AccountControlService } from './control.js';
import type { DeviceSessionService } from './sessions.js';

export interface AccountRouteOptions {
  secureCookies: boolean;
  trustProxy: boolean | number;
}

/** A malformed id is answered like an unknown one. */
function sessionId(params: Record<string, string>): string {
  const id = params.id ?? '';
  if (!v.is(SessionIdSchema, id)) throw new NotFoundError('No such session.');
  return id;
}

export function accountRoutes(api: ApiRouter, devices: DeviceSessionService, control: AccountControlService, options: AccountRouteOptions): void {
  const ip = (c: Parameters<typeof clientIp>[0]) => clientIp(c, options.trustProxy);
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

  api.on(accountControlApi.reverifyRequest, async ({ actor, c }) => control.requestReverify(actor, ip(c)));
  api.on(accountControlApi.reverify, async ({ actor, body, c }) => control.reverify(actor, body.code, ip(c)));
  api.on(accountControlApi.phone, async ({ actor }) => control.phone(actor));
  api.on(accountControlApi.newPhoneRequest, async ({ actor, body, c }) => control.requestNewPhone(actor, body.phone, ip(c)));

  api.on(accountControlApi.changePhone, async ({ actor, body, c }) => {
    await control.changePhone(actor, body.phone, body.code, ip(c));
    sessionCookie.clear(c, options.secureCookies);
    return { ok: true };
  });

  api.on(accountControlApi.unbindPhone, async ({ actor, c }) => {
    await control.unbindPhone(actor);
    sessionCookie.clear(c, options.secureCookies);
    return { ok: true };
  });

  api.on(accountControlApi.exportJson, async ({ actor, c }) => {
    const data = await control.exportFor(actor);
    c.header('Content-Disposition', contentDisposition(`healthgate-export-${new Date(data.exportedAt).toISOString().slice(0, 10)}.json`));
    c.header('Cache-Control', 'no-store');
    return data;
  });

  api.on(accountControlApi.exportCsv, async ({ actor, query, c }) => {
    const data = await control.exportFor(actor);
    const lang = query.lang ?? 'zh-CN';
    const lines = [...exportLines(data, lang)];
    c.header('Content-Type', CSV_CONTENT_TYPE);
    c.header('Cache-Control', 'no-store');
    c.header('Content-Disposition', contentDisposition(`healthgate-records-${new Date(data.exportedAt).toISOString().slice(0, 10)}.csv`));
    return c.body(csvStream(EXPORT_TABLE, lines, lang));
  });

  api.on(accountControlApi.deleteAccount, async ({ actor, c }) => {
    const receipt = await control.deleteAccount(actor);
    sessionCookie.clear(c, options.secureCookies);
    return receipt;
  });
}
