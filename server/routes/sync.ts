// POST /api/sync/checkpoints. (Being built: see the sync helper's brief.)

import { Hono } from 'hono';
import type { SyncService } from '../services/sync.js';
import type { AppEnv } from './context.js';

export function syncRoutes(_sync: SyncService): Hono<AppEnv> {
  return new Hono<AppEnv>();
}
