// The authority console's state: the overview, the person found by the last lookup, the last
// import's outcome, and the actions (lookup, import, key operations), each through the contract.

import { signal } from '@preact/signals';
import * as v from 'valibot';
import { authorityApi, ImportOutcomeSchema, type ImportOutcomeBody, type LookupResult, type Overview } from '../../../shared/api/authority.js';
import type { RedReason } from '../../../shared/code/claims.js';
import type { FeedKind } from '../../../shared/feeds.js';
import { call, failureCode, urlOf, type FailureCode } from '../../http.js';

export type Failure = { code: FailureCode; retryAfterSec?: number };

export const overview = signal<Overview | undefined>(undefined);
export const overviewError = signal<Failure | null>(null);
export const lookup = signal<LookupResult | undefined>(undefined);
export const lookupError = signal<Failure | null>(null);
export const imported = signal<ImportOutcomeBody | undefined>(undefined);
export const importError = signal<Failure | null>(null);
export const keysError = signal<Failure | null>(null);
export const busy = signal<'lookup' | 'import' | 'keys' | null>(null);

export async function loadOverview(): Promise<void> {
  try {
    overview.value = await call(authorityApi.overview);
    overviewError.value = null;
  } catch (e) {
    overviewError.value = failureCode(e);
  }
}

/** The last lookup's question: a correction looks the person up again with it. */
let lastQuery: { documentNumber: string; reason: string } | undefined;

export async function findPerson(documentNumber: string, reason: string): Promise<void> {
  lastQuery = { documentNumber, reason };
  busy.value = 'lookup';
  try {
    lookup.value = await call(authorityApi.lookup, { body: { documentNumber, reason } });
    lookupError.value = null;
  } catch (e) {
    lookup.value = undefined;
    lookupError.value = failureCode(e);
  } finally {
    busy.value = null;
  }
}

/** Sends the file as it is (streamed by the server); a 422 still carries the report. */
export async function importFile(feed: FeedKind, file: File, dryRun: boolean): Promise<void> {
  busy.value = 'import';
  imported.value = undefined;
  try {
    const format = /\.(nd)?jsonl?$/i.test(file.name) ? 'ndjson' : 'csv';
    const url = urlOf(authorityApi.importFeed, undefined, { feed, format, dryRun: dryRun ? 'true' : 'false' });
    const res = await fetch(url, {
      method: 'POST',
      headers: { accept: 'application/json', 'content-type': format === 'csv' ? 'text/csv' : 'application/x-ndjson' },
      body: file,
      credentials: 'same-origin',
      cache: 'no-store',
    });
    const json: unknown = await res.json().catch(() => undefined);
    const outcome = v.safeParse(ImportOutcomeSchema, json);
    if (outcome.success) {
      imported.value = outcome.output;
      importError.value = null;
    } else {
      const code = (json as { error?: { code?: FailureCode } } | undefined)?.error?.code;
      importError.value = { code: code ?? 'bad_response' };
    }
  } catch (e) {
    importError.value = failureCode(e);
  } finally {
    busy.value = null;
  }
  await loadOverview();
}

async function keyAction(fn: () => Promise<unknown>): Promise<void> {
  busy.value = 'keys';
  try {
    await fn();
    keysError.value = null;
  } catch (e) {
    keysError.value = failureCode(e);
  } finally {
    busy.value = null;
  }
  await loadOverview();
}

export const createKey = (standby: boolean) => keyAction(() => call(authorityApi.createKey, { body: { standby } }));
export const activateKey = (kid: string) => keyAction(() => call(authorityApi.activateKey, { params: { kid }, body: {} }));
export const retireKey = (kid: string) => keyAction(() => call(authorityApi.retireKey, { params: { kid }, body: {} }));
export const withdrawKey = (kid: string, from: number | undefined) =>
  keyAction(() => call(authorityApi.withdrawKey, { params: { kid }, body: from === undefined ? {} : { from } }));

// --- feed-source tokens ------------------------------------------------------------------------

export type FeedTokenInfo = Awaited<ReturnType<typeof call<typeof authorityApi.feedTokens>>>['tokens'][number];
export const tokens = signal<FeedTokenInfo[] | undefined>(undefined);
export const tokensError = signal<Failure | null>(null);
/** The token just made: shown once, gone when the page is left or another is made. */
export const newToken = signal<{ source: string; token: string } | null>(null);

export async function loadTokens(): Promise<void> {
  try {
    tokens.value = (await call(authorityApi.feedTokens)).tokens;
    tokensError.value = null;
  } catch (e) {
    tokensError.value = failureCode(e);
  }
}

export async function createToken(source: string, feeds: FeedKind[]): Promise<void> {
  newToken.value = null;
  try {
    const made = await call(authorityApi.createFeedToken, { body: { source, feeds } });
    newToken.value = { source: made.info.source, token: made.token };
    tokensError.value = null;
  } catch (e) {
    tokensError.value = failureCode(e);
  }
  await loadTokens();
}

export async function revokeToken(id: string): Promise<void> {
  try {
    await call(authorityApi.revokeFeedToken, { params: { id }, body: {} });
    tokensError.value = null;
  } catch (e) {
    tokensError.value = failureCode(e);
  }
  await loadTokens();
}

// --- corrections --------------------------------------------------------------------------------

export const correctionError = signal<Failure | null>(null);
export const corrected = signal(false);

/** Corrects the looked-up person's status (a new code, the old one red-listed), then looks them up again. */
export async function correctPerson(personId: string, change: { status: 'green' | 'red'; reason?: RedReason; note: string }): Promise<void> {
  corrected.value = false;
  try {
    await call(authorityApi.correct, { params: { id: personId }, body: change.status === 'red' ? change : { status: change.status, note: change.note } });
    correctionError.value = null;
    corrected.value = true;
  } catch (e) {
    correctionError.value = failureCode(e);
    return;
  }
  if (lastQuery) await findPerson(lastQuery.documentNumber, lastQuery.reason);
  await loadOverview();
}
