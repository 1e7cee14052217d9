// Merging synced checkpoint batches exactly once. (Being built: see the sync helper's brief.)

import type { SyncBatch, SyncResponse } from '../../shared/records.js';
import type { SessionUser } from '../routes/context.js';
import type { Store } from '../store/store.js';
import type { CodeVerifier } from './verifier.js';

export interface SyncOptions {
  now?: () => number;
  /** Offset of the venues' local time from UTC, for the day a record counts on. Default +08:00. */
  tzOffsetMinutes?: number;
}

export class SyncService {
  constructor(
    protected readonly store: Store,
    protected readonly verifier: CodeVerifier,
    protected readonly options: SyncOptions = {},
  ) {}

  async mergeBatch(_batch: SyncBatch, _inspector: SessionUser): Promise<SyncResponse> {
    throw new Error('not built yet');
  }
}
