// GET /api/trust and GET /api/redlist?since=N: the signed lists a device verifies codes with.
// Public on purpose: they hold public keys and keyed hashes only, and a gate device must be able
// to refresh them before anyone has signed in on it.

import { Hono } from 'hono';
import { API } from '../../shared/api.js';
import type { RedListService } from '../services/redlist.js';
import type { TrustService } from '../services/trust.js';
import type { AppEnv } from './context.js';

export function trustRoutes(trust: TrustService, redList: RedListService): Hono<AppEnv> {
  return new Hono<AppEnv>()
    .get(API.trust, async (c) => {
      c.header('Cache-Control', 'no-store');
      return c.json(await trust.envelope());
    })
    .get(API.redList, async (c) => {
      // A missing or unreadable `since` is not an error: the answer is a snapshot.
      const raw = c.req.query('since');
      const since = raw !== undefined && /^\d{1,15}$/.test(raw) ? Number(raw) : undefined;
      c.header('Cache-Control', 'no-store');
      return c.json(await redList.envelope(since));
    });
}
