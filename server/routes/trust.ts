// GET /api/trust: the signed trust list. Public on purpose: it holds public keys only, and a
// device must be able to refresh it before anyone has signed in on it.

import { Hono } from 'hono';
import { API } from '../../shared/api.js';
import type { TrustService } from '../services/trust.js';
import type { AppEnv } from './context.js';

export function trustRoutes(trust: TrustService): Hono<AppEnv> {
  return new Hono<AppEnv>().get(API.trust, async (c) => {
    c.header('Cache-Control', 'no-store');
    return c.json(await trust.envelope());
  });
}
