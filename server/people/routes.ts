// GET /api/me/code: a freshly signed code for the signed-in holder, bound to the phone's device key
// when it names one. Never cached by the browser or a proxy: the PWA keeps its own copy for offline
// use. PUT /api/me/device-key: a phone registers the key its codes are bound to.

import { deviceKeysApi } from '../../shared/api/device-keys.js';
import { peopleApi } from '../../shared/api/people.js';
import { serveAsJsonOnce, type ApiRouter } from '../http/route.js';
import type { CodeCache } from './code-cache.js';
import type { CodeService } from './codes.js';
import type { DeviceKeyService } from './device-keys.js';

export function peopleRoutes(api: ApiRouter, codes: CodeService, deviceKeys: DeviceKeyService, cache?: CodeCache): void {
  // Cache-Control: no-store comes with every /api answer (http/security.ts).
  api.on(peopleApi.myCode, async ({ actor, query }) => {
    // One entry per account and phone key: the key is read when the entry is made or checked.
    const binding = `${actor.id}|${query.deviceKey ?? ''}`;
    const held = actor.personId ? cache?.fresh(actor.personId, binding) : undefined;
    if (held) return held;
    const cnf = async () => (query.deviceKey ? deviceKeys.cnfFor(actor, query.deviceKey) : undefined);
    if (!cache || !actor.personId) return codes.myCode(actor, { cnf: await cnf() });
    // The object the cache holds and serves again: written as JSON once, not on every hit.
    return serveAsJsonOnce(await cache.get(actor.personId, binding, cnf, (bound) => codes.myCode(actor, { cnf: bound })));
  });
  api.on(deviceKeysApi.register, async ({ actor, body }) => ({ deviceKey: await deviceKeys.register(actor, body.jwk) }));
}
