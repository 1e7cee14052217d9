// POST /api/sync/checkpoints: an inspector's device hands in a batch of checkpoint records and
// gets one result per record. A batch that cannot be read at all is refused whole.

import { syncApi } from '../../shared/api/sync.js';
import { MAX_BATCH_BYTES } from '../../shared/records.js';
import type { ApiRouter } from '../http/route.js';
import type { CheckpointMerge } from './merge.js';

export function checkpointRoutes(api: ApiRouter, merge: CheckpointMerge): void {
  api.on(syncApi.checkpoints, async ({ body, actor }) => merge.mergeBatch(body, actor), { maxBytes: MAX_BATCH_BYTES, tooLarge: 'batch_too_large' });
}
