// The health authority's routes: the console's (admin role only, from the contract's `access`) and
// the feed systems' (public routes: templates and OpenAPI hold no data; posting a feed checks the
// source's bearer token). Feed files are streamed from the request body, never read whole.

import type { Context } from 'hono';
import { authorityApi, feedsApi } from '../../shared/api/authority.js';
import { NotFoundError, PayloadTooLargeError, ValidationError } from '../../shared/errors.js';
import { FEED_KINDS, type FeedKind } from '../../shared/feeds.js';
import type { AppEnv } from '../http/context.js';
import type { ApiRouter } from '../http/route.js';
import type { KeyRing } from '../keys/keyring.js';
import type { StatusService } from '../people/status.js';
import { importSummary, keyView, type AuthorityConsole, type FeedTokens } from './console.js';
import { FEED_MEDIA_TYPES, feedOpenApi, templateCsv, templateNdjson, type FeedFormat } from './feed-files.js';
import type { ImportService } from './import.js';

/** A feed file larger than this is refused while it streams in (a 1,000,000-row feed is about 110 MB). */
export const MAX_FEED_BYTES = 256 * 1024 * 1024;

export interface AuthorityServices {
  console: AuthorityConsole;
  imports: ImportService;
  feedTokens: FeedTokens;
  keys: KeyRing;
  status: StatusService;
}

const flag = (value: string | undefined) => value === 'true' || value === '1';

function feedOf(param: string | undefined): FeedKind {
  if (!(FEED_KINDS as readonly string[]).includes(param ?? '')) throw new NotFoundError(`No feed ${param ?? ''}: one of ${FEED_KINDS.join(', ')}.`);
  return param as FeedKind;
}

/** The format from the query, else from Content-Type (text/csv or application/x-ndjson). */
function formatOf(c: Context<AppEnv>, query: string | undefined): FeedFormat {
  if (query === 'csv' || query === 'ndjson') return query;
  const type = (c.req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  if (type === FEED_MEDIA_TYPES.csv) return 'csv';
  if (type === FEED_MEDIA_TYPES.ndjson || type === 'application/jsonl') return 'ndjson';
  throw new ValidationError('Send the file as text/csv or application/x-ndjson (one JSON object per line).');
}

/** The request body as a byte stream, refused past MAX_FEED_BYTES. */
async function* bodyOf(c: Context<AppEnv>): AsyncGenerator<Uint8Array> {
  if (Number(c.req.header('content-length') ?? '0') > MAX_FEED_BYTES) throw new PayloadTooLargeError(MAX_FEED_BYTES);
  const body = c.req.raw.body;
  if (!body) return;
  let total = 0;
  for await (const chunk of body as unknown as AsyncIterable<Uint8Array>) {
    total += chunk.byteLength;
    if (total > MAX_FEED_BYTES) throw new PayloadTooLargeError(MAX_FEED_BYTES);
    yield chunk;
  }
}

export function authorityRoutes(api: ApiRouter, s: AuthorityServices): void {
  api.on(authorityApi.overview, async ({ c }) => {
    c.header('Cache-Control', 'no-store');
    return s.console.overview();
  });
  api.on(authorityApi.lookup, async ({ body, actor, c }) => {
    c.header('Cache-Control', 'no-store');
    return s.console.lookup(body.documentNumber, body.reason, actor);
  });
  api.on(authorityApi.correct, async ({ body, params, actor }) => {
    await s.status.correct(params.id!, body.status, body.reason, body.note, actor);
    return { ok: true as const };
  });
  api.on(authorityApi.importFeed, async ({ query, actor, c }) => {
    const out = await s.imports.import({ feed: query.feed, format: formatOf(c, query.format), input: bodyOf(c), dryRun: flag(query.dryRun), channel: 'console', actor });
    return c.json(out, out.report.applied || (out.report.dryRun && out.report.rejected === 0 && !out.report.fileError) ? 200 : 422);
  });
  api.on(authorityApi.imports, async () => ({ imports: (await s.console.overview()).imports }));
  api.on(authorityApi.importReport, async ({ params }) => {
    const row = await s.imports.find(params.id!);
    if (!row) throw new NotFoundError('No such import.');
    return { import: importSummary(row.row), report: row.report };
  });
  api.on(authorityApi.createKey, async ({ body, actor }) => keyView(await s.keys.createSigningKey(actor, { standby: body.standby })));
  api.on(authorityApi.activateKey, async ({ params, actor }) => {
    await s.keys.activate(params.kid!, actor);
    return { ok: true as const };
  });
  api.on(authorityApi.retireKey, async ({ params, actor }) => {
    await s.keys.retire(params.kid!, actor);
    return { ok: true as const };
  });
  api.on(authorityApi.withdrawKey, async ({ params, body, actor }) => {
    const { withdrawnFrom, replacement } = await s.keys.withdraw(params.kid!, actor, body.from);
    return { withdrawnFrom, replacement: replacement?.kid ?? null };
  });
  api.on(authorityApi.feedTokens, async () => ({ tokens: await s.feedTokens.list() }));
  api.on(authorityApi.createFeedToken, async ({ body, actor, c }) => {
    c.header('Cache-Control', 'no-store');
    return s.feedTokens.create(body.source, body.feeds, actor);
  });
  api.on(authorityApi.revokeFeedToken, async ({ params, actor }) => {
    await s.feedTokens.revoke(params.id!, actor);
    return { ok: true as const };
  });

  api.on(feedsApi.template, async ({ params, query, c }) => {
    const feed = feedOf(params.feed);
    if (query.format === 'ndjson') {
      c.header('Content-Disposition', `attachment; filename="${feed}-template.ndjson"`);
      return c.body(templateNdjson(feed), 200, { 'Content-Type': `${FEED_MEDIA_TYPES.ndjson}; charset=utf-8` });
    }
    c.header('Content-Disposition', `attachment; filename="${feed}-template.csv"`);
    return c.body(templateCsv(feed, query.header ?? 'zh-CN'), 200, { 'Content-Type': `${FEED_MEDIA_TYPES.csv}; charset=utf-8` });
  });
  api.on(feedsApi.openapi, async () => feedOpenApi() as Record<string, unknown>);
  api.on(feedsApi.post, async ({ params, query, c }) => {
    const feed = feedOf(params.feed);
    const source = await s.feedTokens.authorize(c.req.header('authorization'), feed);
    const actor = { kind: 'system' as const, name: `feed:${source.source}` };
    const out = await s.imports.import({ feed, format: formatOf(c, undefined), input: bodyOf(c), dryRun: flag(query.dryRun), channel: `feed:${source.source}`, actor });
    return c.json(out, out.report.applied || (out.report.dryRun && out.report.rejected === 0 && !out.report.fileError) ? 200 : 422);
  });
}
