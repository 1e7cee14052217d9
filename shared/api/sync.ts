// Checkpoint records going up from an inspector's device, one result per record coming back.

import { MAX_BATCH_RECORDS, RecordResultSchema, SyncBatchSchema } from '../records.js';
import * as v from 'valibot';
import { endpoint } from './contract.js';
import { GATE_ROLES } from './venues.js';

export const SyncResponseSchema = v.strictObject({ results: v.pipe(v.array(RecordResultSchema), v.maxLength(MAX_BATCH_RECORDS)) });
export type SyncResponse = v.InferOutput<typeof SyncResponseSchema>;

export const syncApi = {
  checkpoints: endpoint({ method: 'POST', path: '/api/sync/checkpoints', access: { roles: GATE_ROLES }, body: SyncBatchSchema, response: SyncResponseSchema }),
};
