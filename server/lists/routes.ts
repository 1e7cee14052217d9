// GET /api/trust and GET /api/redlist?since=N: the signed lists a device verifies codes with.
// Public on purpose: they hold public keys and keyed hashes only, and a gate device must be able
// to refresh them before anyone has signed in on it.

import { gateApi, type GatePolicy } from '../../shared/api/gate.js';
import { listsApi } from '../../shared/api/lists.js';
import type { ApiRouter } from '../http/route.js';
import type { RedListService } from './redlist.js';
import type { TrustService } from './trust.js';

export function listRoutes(api: ApiRouter, trust: TrustService, redList: RedListService): void {
  api.on(listsApi.trust, async ({ c }) => {
    c.header('Cache-Control', 'no-store');
    return trust.envelope();
  });
  api.on(listsApi.redList, async ({ query, c }) => {
    // A missing or unreadable `since` is not an error: the answer is a snapshot.
    const raw = query.since;
    const since = raw !== undefined && /^\d{1,15}$/.test(raw) ? Number(raw) : undefined;
    c.header('Cache-Control', 'no-store');
    return redList.envelope(since);
  });
}

/** GET /api/gate/policy: the live-code settings the server re-verifies with, so a gate judges alike. */
export function gatePolicyRoutes(api: ApiRouter, policy: GatePolicy): void {
  api.on(gateApi.policy, async ({ c }) => {
    c.header('Cache-Control', 'no-store');
    return policy;
  });
}
