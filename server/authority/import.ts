// Importing a status feed: the file is read row by row (never whole into memory), every row is
// validated and reported, and the accepted rows are written with their consequences — statuses,
// status events, the red-list delta — in one transaction that commits only when every row was
// accepted and this is not a dry run. A bad file changes nothing; a dry run reports what the
// import would change and then rolls it all back.

import { uuidv7 } from '../../shared/uuid.js';
import { parseOffsetDateTime, type FeedKind, type FeedRow, type ImportReport } from '../../shared/feeds.js';
import { record } from '../audit/log.js';
import { actorLabel, type Actor } from '../auth/actor.js';
import type { RedListService } from '../lists/redlist.js';
import type { KeyPopulationColumns, NationalStateColumns, TestResultColumns } from '../store/status.js';
import type { Store } from '../store/store.js';
import { emptyTally, redecide, type DecideOptions, type DecideTally } from './decide.js';
import { FeedFileError, ImportReportBuilder, readFeedBatches, type FeedFormat } from './feed-files.js';
import { testFactFromRow } from './rules.js';

export interface ImportRequest {
  feed: FeedKind;
  format: FeedFormat;
  input: AsyncIterable<Uint8Array>;
  dryRun: boolean;
  /** Where the file came from: `cli`, `console`, or `feed:<source>`. */
  channel: string;
  actor: Actor;
}

export interface ImportOutcome {
  id: string;
  report: ImportReport;
  /** What the import changed — or, for a dry run, would have changed. Zero when rows were rejected. */
  changes: DecideTally & { redListVersion: number };
}

/** Accepted rows are written in batches of this many while the file is still being read. */
const WRITE_BATCH = 5000;

/** An import this large changes its table's statistics enough to mislead the query planner. */
const ANALYZE_AFTER_ROWS = 50_000;

class Rollback extends Error {}

export interface ImportServiceOptions extends DecideOptions {
  now?: () => number;
}

export class ImportService {
  private readonly now: () => number;

  constructor(
    private readonly store: Store,
    private readonly redList: RedListService,
    private readonly options: ImportServiceOptions,
  ) {
    this.now = options.now ?? Date.now;
  }

  async import(req: ImportRequest): Promise<ImportOutcome> {
    const id = uuidv7(this.now());
    const builder = new ImportReportBuilder(req.feed, req.dryRun);
    let changes = { ...emptyTally(), redListVersion: 0 };
    const entryFor = (sub: string) => this.redList.entryFor(sub);
    await this.redList.salt(); // made outside the transaction: it is kept whatever happens here
    const at = this.now();
    try {
      await this.store.transaction(async (tx) => {
        await tx.redList.lockForWrite();
        const pending = new PendingRows(req.feed);
        const flush = async () => {
          if (builder.clean && pending.size > 0) await pending.writeTo(tx, id);
          pending.clear();
        };
        try {
          for await (const batch of readFeedBatches(req.feed, req.format, req.input)) {
            for (const result of batch) {
              builder.add(result);
              // Once a row is rejected nothing will be applied: keep validating for the report only.
              if ('ok' in result && builder.clean) pending.add(result.ok);
            }
            if (pending.size >= WRITE_BATCH) await flush();
          }
        } catch (e) {
          if (!(e instanceof FeedFileError)) throw e;
          builder.failFile(e);
        }
        await flush();
        if (!builder.clean) throw new Rollback();
        if (builder.acceptedRows >= ANALYZE_AFTER_ROWS) await tx.status.refreshStatistics(req.feed);
        // The national platform's states never set the local code: they are kept, to be compared.
        if (req.feed === 'national-state') await keepNationalStates(tx, id);
        const people = req.feed === 'national-state' ? [] : await tx.status.peopleInImport(id, req.feed);
        const tally = await redecide(tx, people, at, `import:${id}`, actorLabel(req.actor), entryFor, this.options);
        changes = { ...tally, redListVersion: await tx.redList.version() };
        if (req.dryRun) throw new Rollback();
        await this.log(tx, id, req, at, builder.report(true), changes);
      });
    } catch (e) {
      if (!(e instanceof Rollback)) throw e;
      if (!builder.clean) changes = { ...emptyTally(), redListVersion: await this.store.redList.version() };
      // Not applied: the import and its report are still kept (and audited), in a transaction of their own.
      await this.store.transaction((tx) => this.log(tx, id, req, at, builder.report(false), changes));
      return { id, report: builder.report(false), changes };
    }
    if (changes.redListAdded + changes.redListRemoved > 0) this.redList.changed();
    return { id, report: builder.report(true), changes };
  }

  /** A stored import with its report. */
  async find(id: string): Promise<{ row: NonNullable<Awaited<ReturnType<Store['status']['getImport']>>>; report: ImportReport } | undefined> {
    const row = await this.store.status.getImport(id);
    return row && { row, report: JSON.parse(row.report) as ImportReport };
  }

  private async log(tx: Store, id: string, req: ImportRequest, at: number, report: ImportReport, changes: ImportOutcome['changes']): Promise<void> {
    await tx.status.addImport({
      id,
      feed: req.feed,
      channel: req.channel,
      actor: actorLabel(req.actor),
      at,
      dry_run: req.dryRun ? 1 : 0,
      applied: report.applied ? 1 : 0,
      accepted: report.accepted,
      rejected: report.rejected,
      status_changes: changes.statusChanges,
      red_list_added: changes.redListAdded,
      red_list_removed: changes.redListRemoved,
      report: JSON.stringify(report),
    });
    await record(tx, {
      at,
      actor: req.actor,
      action: 'status.import',
      targetId: id,
      detail: {
        feed: req.feed,
        channel: req.channel,
        dryRun: req.dryRun,
        applied: report.applied,
        accepted: report.accepted,
        rejected: report.rejected,
        statusChanges: changes.statusChanges,
        redListAdded: changes.redListAdded,
        redListRemoved: changes.redListRemoved,
      },
    });
  }
}

/** The latest national state of each person an import of national states names, kept on the person. */
async function keepNationalStates(tx: Store, importId: string): Promise<void> {
  const people = await tx.status.peopleInImport(importId, 'national-state');
  for (let i = 0; i < people.length; i += 500) {
    const batch = people.slice(i, i + 500);
    const latest = await tx.status.latestNationalStates(batch.map((p) => p.document_no));
    await tx.status.setNationalStates(
      batch.flatMap((p) => {
        const l = latest.get(p.document_no);
        return l ? [{ id: p.id, state: l.state, asOf: l.asOf }] : [];
      }),
    );
  }
}

/** Accepted rows waiting to be written, kept column by column (what the store's bulk insert takes). */
class PendingRows {
  private tests: TestResultColumns = emptyTestColumns();
  private entries: KeyPopulationColumns = emptyKeyPopulationColumns();
  private states: NationalStateColumns = emptyNationalColumns();

  constructor(private readonly feed: FeedKind) {}

  get size(): number {
    return this.feed === 'test-results' ? this.tests.documentNumber.length : this.feed === 'national-state' ? this.states.documentNumber.length : this.entries.documentNumber.length;
  }

  add(ok: FeedRow<FeedKind>): void {
    if (this.feed === 'test-results') {
      const row = ok as FeedRow<'test-results'>;
      const fact = testFactFromRow(row);
      const c = this.tests;
      c.documentType.push(row.documentType);
      c.documentNumber.push(row.documentNumber);
      c.testKind.push(row.testKind);
      c.result.push(row.result);
      c.institution.push(row.institution);
      c.sampledAt.push(fact.sampledAt);
      c.reportedAt.push(fact.reportedAt);
    } else if (this.feed === 'national-state') {
      const row = ok as FeedRow<'national-state'>;
      const c = this.states;
      c.documentType.push(row.documentType);
      c.documentNumber.push(row.documentNumber);
      c.state.push(row.state);
      c.asOf.push(parseOffsetDateTime(row.asOf)!);
    } else {
      const row = ok as FeedRow<'key-population'>;
      const c = this.entries;
      c.documentType.push(row.documentType);
      c.documentNumber.push(row.documentNumber);
      c.category.push(row.category);
      c.startDate.push(row.startDate);
      c.endDate.push(row.endDate ?? null);
      c.sourceNote.push(row.sourceNote);
    }
  }

  async writeTo(tx: Store, importId: string): Promise<void> {
    if (this.feed === 'test-results') await tx.status.insertTestResults(importId, this.tests);
    else if (this.feed === 'national-state') await tx.status.insertNationalStates(importId, this.states);
    else await tx.status.insertKeyPopulation(importId, this.entries);
  }

  clear(): void {
    this.tests = emptyTestColumns();
    this.entries = emptyKeyPopulationColumns();
    this.states = emptyNationalColumns();
  }
}

const emptyTestColumns = (): TestResultColumns => ({ documentType: [], documentNumber: [], testKind: [], result: [], institution: [], sampledAt: [], reportedAt: [] });
const emptyNationalColumns = (): NationalStateColumns => ({ documentType: [], documentNumber: [], state: [], asOf: [] });
const emptyKeyPopulationColumns = (): KeyPopulationColumns => ({ documentType: [], documentNumber: [], category: [], startDate: [], endDate: [], sourceNote: [] });

/**
 * What time alone changes: red-list entries whose codes have all expired are dropped, and people
 * whose feeds give another status by now (a quarantine ended, a result became reported) are
 * re-decided. Cheap when nothing is due; the server runs it every minute and before each import.
 */
export class StatusSweeper {
  constructor(
    private readonly store: Store,
    private readonly redList: RedListService,
    private readonly options: ImportServiceOptions,
  ) {}

  async sweep(actor: Actor, now = (this.options.now ?? Date.now)()): Promise<DecideTally & { expired: number }> {
    const entryFor = (sub: string) => this.redList.entryFor(sub);
    await this.redList.salt();
    const result = await this.store.transaction(async (tx) => {
      await tx.redList.lockForWrite();
      const expired = await tx.redList.expire(now);
      const due = await tx.people.dueForStatus(now, 10_000);
      const tally = await redecide(tx, due, now, 'schedule', actorLabel(actor), entryFor, this.options);
      if (expired + tally.statusChanges > 0) {
        await record(tx, { at: now, actor, action: 'status.sweep', targetId: '', detail: { expired, ...tally } });
      }
      return { ...tally, expired };
    });
    if (result.expired + result.redListAdded + result.redListRemoved > 0) this.redList.changed();
    return result;
  }
}
