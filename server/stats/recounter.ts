// Keeping the per-day count cache current off the request path: a merge or a check-in that changed
// a venue day hands it here after its transaction commits, and the day is counted again a moment
// later (a burst of batches for one day is counted once), so the dashboard and the exports read
// precomputed day rows. A minute sweep catches what no process here saw change (another process
// stopped before its recount, a bulk import, a restore). The read path still recounts a day that
// is behind, so a recount missed or in flight never shows stale numbers — it only costs time.

import type { StatsService } from './service.js';

export interface ChangedDay {
  venueId: string;
  day: string;
}

/** Told about venue days whose records changed (after the change has committed). */
export type DaysChanged = (days: readonly ChangedDay[]) => void;

export interface RecounterOptions {
  /** How long to gather changes before counting them (a burst of batches, one recount); 'manual': only flush() counts (tests). */
  delayMs?: number | 'manual';
  /** How many stale days one sweep counts at most. */
  sweepLimit?: number;
  log?: (line: string) => void;
}

export class DayRecounter {
  private readonly pending = new Map<string, ChangedDay>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private running: Promise<void> = Promise.resolve();
  private closed = false;
  private readonly delayMs: number | 'manual';
  private readonly sweepLimit: number;
  private readonly log: (line: string) => void;

  constructor(
    private readonly stats: StatsService,
    options: RecounterOptions = {},
  ) {
    this.delayMs = options.delayMs ?? 1000;
    this.sweepLimit = options.sweepLimit ?? 400;
    this.log = options.log ?? ((line) => console.error(line));
  }

  /** The hook merges and check-ins call: never throws, never waits. */
  readonly changed: DaysChanged = (days) => {
    if (this.closed) return;
    for (const d of days) this.pending.set(`${d.venueId}\u0000${d.day}`, d);
    if (this.pending.size > 0 && this.timer === undefined && this.delayMs !== 'manual') {
      this.timer = setTimeout(() => {
        this.timer = undefined;
        void this.flush();
      }, this.delayMs);
      this.timer.unref?.();
    }
  };

  /** Counts every pending day now (one run at a time); resolves when they are counted. */
  flush(): Promise<void> {
    if (this.timer !== undefined) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    this.running = this.running.then(async () => {
      const days = [...this.pending.values()];
      this.pending.clear();
      for (const d of days) {
        try {
          await this.stats.recountDay(d.venueId, d.day);
        } catch (e) {
          // The read path counts the day when it is next asked for: nothing is lost.
          this.log(`recount of ${d.venueId} ${d.day} failed: ${e instanceof Error ? e.message : String(e)}`);
        }
      }
    });
    return this.running;
  }

  /** Counts up to sweepLimit stale days of any venue, oldest first; how many it counted. */
  async sweep(): Promise<number> {
    let counted = 0;
    await (this.running = this.running.then(async () => {
      counted = await this.stats.recountStaleDays(this.sweepLimit);
    }));
    return counted;
  }

  /** Stops taking changes and waits for a run in progress. */
  async close(): Promise<void> {
    this.closed = true;
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    this.pending.clear();
    await this.running;
  }
}
