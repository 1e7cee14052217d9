// GET /api/me/code: a freshly signed code for the signed-in holder, bound to the phone's device key
// when it names one. Never cached by the browser or a proxy: the PWA keeps its own copy for offline
// use. PUT /api/me/device-key: a phone registers the key its codes are bound to.
// cachedCodeFirst: the same code answered again at rush hour before the rest of the app runs.

import type { MiddlewareHandler } from 'hono';
import * as v from 'valibot';
import { reachableBy } from '../../shared/api/contract.js';
import { deviceKeysApi } from '../../shared/api/device-keys.js';
import { peopleApi } from '../../shared/api/people.js';
import type { UserActor } from '../auth/actor.js';
import type { SessionService } from '../auth/sessions.js';
import { requestHeader, requestQuery, type AppEnv } from '../http/context.js';
import { jsonText, serveAsJsonOnce, type ApiRouter } from '../http/route.js';
import { cookieValue } from '../http/security.js';
import type { CodeCache } from './code-cache.js';
import type { CodeService } from './codes.js';
import type { DeviceKeyService } from './device-keys.js';

/** One cache entry per account and phone key: the key is read when the entry is made or checked. */
const binding = (actor: UserActor, deviceKey: string | undefined): string => `${actor.id}|${deviceKey ?? ''}`;

export function peopleRoutes(api: ApiRouter, codes: CodeService, deviceKeys: DeviceKeyService, cache?: CodeCache): void {
  // Cache-Control: no-store comes with every /api answer (http/security.ts).
  api.on(peopleApi.myCode, async ({ actor, query }) => {
    const key = binding(actor, query.deviceKey);
    const held = actor.personId ? cache?.fresh(actor.personId, key) : undefined;
    if (held) return held;
    const cnf = async () => (query.deviceKey ? deviceKeys.cnfFor(actor, query.deviceKey) : undefined);
    if (!cache || !actor.personId) return codes.myCode(actor, { cnf: await cnf() });
    // The object the cache holds and serves again: written as JSON once, not on every hit.
    return serveAsJsonOnce(await cache.get(actor.personId, key, cnf, (bound) => codes.myCode(actor, { cnf: bound })));
  });
  api.on(deviceKeysApi.register, async ({ actor, body }) => ({ deviceKey: await deviceKeys.register(actor, body.jwk) }));
}

/**
 * Rush hour (亮码): a phone opening its code again is answered by the first middleware, before the
 * browser guards, the session middleware and the router's handler run — they cost more than the
 * answer itself. It answers only when the full path would give this very answer:
 * - a GET without a body, whose query the endpoint's schema accepts;
 * - a session this process holds and may still trust (the session middleware's own first check,
 *   `heldActor`: ended or changed anywhere, expired, or due a last-seen touch, it is not served), of a
 *   role the endpoint admits;
 * - a code the cache may still serve without reading anything (`CodeCache.fresh`, the handler's own
 *   first check);
 * - and headers already taken from a full answer on this path, after every middleware had set its own:
 *   the browser guards' (Hono's secureHeaders) and no-store are the app's, never written here.
 * Anything else goes the full way, which also answers every error.
 */
export function cachedCodeFirst(sessions: SessionService, cache: CodeCache, cookieName: string): MiddlewareHandler<AppEnv> {
  const e = peopleApi.myCode;
  let headers: Record<string, string> | undefined;
  return async (c, next) => {
    if (headers && c.req.method === 'GET' && requestHeader(c, 'content-length') === undefined && requestHeader(c, 'transfer-encoding') === undefined) {
      const actor = sessions.heldActor(cookieValue(requestHeader(c, 'cookie'), cookieName));
      if (actor?.personId && reachableBy(e.access, actor.role)) {
        const query = v.safeParse(e.query, requestQuery(c));
        const code = query.success ? cache.fresh(actor.personId, binding(actor, query.output.deviceKey)) : undefined;
        if (code) return new Response(jsonText(code), { status: 200, headers });
      }
    }
    await next();
    if (!headers && c.res.status === 200) headers = answerHeaders(c.res.headers);
  };
}

/** A full answer's headers, but for its length (each answer has its own) and any cookie it set. */
function answerHeaders(from: Headers): Record<string, string> {
  const kept: Record<string, string> = {};
  from.forEach((value, name) => {
    if (name !== 'content-length' && name !== 'set-cookie') kept[name] = value;
  });
  return kept;
}
