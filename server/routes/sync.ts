// POST /api/sync/checkpoints: an inspector's device hands in a batch of checkpoint records and
// gets one result per record. A batch that cannot be read at all is refused whole.

import { Hono } from 'hono';
import { API } from '../../shared/api.js';
import { MAX_BATCH_BYTES, SyncBatchSchema, type SyncResponse } from '../../shared/records.js';
import type { SyncService } from '../services/sync.js';
import { currentUser, readJson, requireRole, type AppEnv } from './context.js';

export function syncRoutes(sync: SyncService): Hono<AppEnv> {
  return new Hono<AppEnv>().post(API.syncCheckpoints, requireRole('inspector'), async (c) => {
    const batch = await readJson(c, SyncBatchSchema, MAX_BATCH_BYTES, 'batch_too_large');
    return c.json((await sync.mergeBatch(batch, currentUser(c))) satisfies SyncResponse);
  });
}
