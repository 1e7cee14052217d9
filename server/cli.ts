// The operator's command line: `npm run cli -- <command>`. Serving, demo data, key rotation,
// printing a code for someone without a phone, and status changes — each through the same
// services the HTTP routes use, so the rules (and the audit log) are the same.

import { readFile } from 'node:fs/promises';
import { createReadStream } from 'node:fs';
import { userInfo } from 'node:os';
import { createInterface } from 'node:readline';
import { pathToFileURL } from 'node:url';
import { AppError } from '../shared/errors.js';
import { FEED_KINDS, parseOffsetDateTime, type FeedKind } from '../shared/feeds.js';
import { detectFeed, formatOfFileName, templateCsv, templateNdjson, type TemplateHeader } from './authority/feed-files.js';
import { record } from './audit/log.js';
import type { OperatorActor } from './auth/actor.js';
import { ConfigError, describeConfig, loadConfig, type Config } from './config.js';
import { buildServices, startServer, stopOnSignals, type Services } from './main.js';
import { findPerson } from './people/find.js';
import { importRegistryCsv } from './registry/import.js';
import { connect } from './store/connect.js';
import { createStore, type Store } from './store/store.js';

const USAGE = `Usage: npm run cli -- [--as <name>] <command>

  --as <name>                      who is acting, for the audit log (default: the OS user)

  serve [--seed-if-empty]          start the server (as npm run serve); seed demo data on an empty database
  seed [--extra-holders N]         add the demo venue and accounts (idempotent), plus N extra green holders
  keys list                        signing keys and their states
  keys ensure                      create the trust root and a first signing key if missing
  keys create [--standby]          new active signing key (the active one is retired), or a standby
                                   key published now and made active later
  keys activate <kid>              make a standby key the active one
  keys retire <kid>                the key signs no more; its codes verify until they expire
  keys withdraw <kid> [--from <time>]
                                   withdraw a compromised key: codes it signed from <time> (ISO 8601
                                   with offset, e.g. 2026-05-03T09:30:00+08:00) are refused, codes
                                   signed before stay valid; without --from, all of its codes
  issue-code <person-id|phone>...  print a freshly signed code (the QR text), one line per person
  registry import <file.csv> [--dry-run]
                                   fill the identity registry from an entry manifest (columns: name,
                                   document_type, document_number, issue_count, country); a report per
                                   row; any bad row and nothing is imported
  set-status <person-id|phone> green|red [reason]
                                   change a status (red needs a reason, e.g. close-contact)
  import-status <file> [--feed test-results|key-population] [--dry-run]
                                   import a status feed (CSV, or one JSON object per line); every row is
                                   validated and reported; applied only when every row is accepted
  import-status --template test-results|key-population [--header zh-CN|en|key] [--ndjson]
                                   print the template generated from the validator's schema
  correct-status <person-id|phone> green|red [reason] --note <why>
                                   correct a status: the person's next code is a fresh one and every
                                   code issued before goes on the red list, in one step
  sweep-status                     drop expired red-list entries, re-decide people whose quarantine ended
  verify-audit                     check the audit log's hash chain; exit 1 at the first broken link`;

class UsageError extends Error {}

async function withServices<T>(config: Config, fn: (s: Services, store: Store) => Promise<T>): Promise<T> {
  const store = createStore(await connect({ url: config.databaseUrl }));
  try {
    // A command ends before a recount would run: the server's minute sweep counts what it changed.
    return await fn(buildServices(config, store, { log: (line) => console.error(line), recountDelayMs: 'manual' }), store);
  } finally {
    await store.close();
  }
}

function flagValue(args: string[], flag: string): string | undefined {
  const i = args.indexOf(flag);
  if (i === -1) return undefined;
  const value = args[i + 1];
  if (value === undefined) throw new UsageError(`${flag} needs a value`);
  return value;
}

const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');

/** The operator named by --as, or the OS user running the command; the rest of the arguments. */
export function operatorFrom(args: string[]): { operator: OperatorActor; rest: string[] } {
  const i = args.indexOf('--as');
  if (i === -1) return { operator: { kind: 'operator', name: osUser() }, rest: args };
  const name = args[i + 1];
  if (!name || !/^[\w.@-]{1,64}$/.test(name)) throw new UsageError('--as needs a name (letters, digits, . _ @ -)');
  return { operator: { kind: 'operator', name }, rest: [...args.slice(0, i), ...args.slice(i + 2)] };
}

function osUser(): string {
  try {
    return userInfo().username || 'unknown';
  } catch {
    return 'unknown';
  }
}

export async function runCli(args: string[], config: Config): Promise<void> {
  const { operator, rest: commandArgs } = operatorFrom(args);
  const [command, ...rest] = commandArgs;
  switch (command) {
    case 'serve': {
      stopOnSignals(await startServer(config, {}, { seedIfEmpty: rest.includes('--seed-if-empty') }));
      return;
    }
    case 'seed': {
      if (config.production) throw new ConfigError('seed is refused with NODE_ENV=production: the demo accounts would let anyone sign in as an admin');
      const raw = flagValue(rest, '--extra-holders');
      const extraHolders = raw === undefined ? 0 : Number(raw);
      const report = await withServices(config, (s) => s.seed.seed(operator, { extraHolders }));
      console.log(`Seeded: ${report.created} accounts created, ${report.existing} already there.`);
      return;
    }
    case 'keys':
      return keysCommand(rest, config, operator);
    case 'issue-code': {
      if (rest.length === 0) throw new UsageError('issue-code needs a person id or phone number');
      const texts = await withServices(config, async (s, store) => {
        await s.keys.ensureKeys(operator);
        const out: string[] = [];
        for (const ref of rest) {
          const person = await findPerson(store, ref);
          const code = await s.codes.codeFor(person.id);
          await record(store, { at: Date.now(), actor: operator, action: 'code.issue', targetId: person.id, detail: { status: code.status } });
          out.push(code.text);
        }
        return out;
      });
      // Only the codes on stdout, one per line, so scripts can capture them.
      console.log(texts.join('\n'));
      return;
    }
    case 'registry': {
      const [sub, file] = rest;
      if (sub !== 'import' || !file) throw new UsageError('registry import needs a CSV file');
      const dryRun = rest.includes('--dry-run');
      const report = await withServices(config, async (_s, store) => {
        const text = await readFile(file, 'utf8');
        const at = Date.now();
        const r = await importRegistryCsv(store, text, { now: at, dryRun });
        if (r.imported > 0) await record(store, { at, actor: operator, action: 'registry.import', targetId: 'identity-registry', detail: { rows: r.imported } });
        return r;
      });
      for (const row of report.rows) console.log(`line ${row.line}: ${row.ok ? 'ok' : row.problems.join('; ')}`);
      console.log(
        report.invalid > 0
          ? `${report.invalid} of ${report.rows.length} rows have problems: nothing imported. Fix them and import the file again.`
          : dryRun
            ? `${report.valid} rows checked, all good (dry run: nothing imported).`
            : `Imported ${report.imported} rows into the identity registry.`,
      );
      if (report.invalid > 0) process.exitCode = 1;
      return;
    }
    case 'set-status': {
      const [ref, status, reason] = rest;
      if (!ref || !status) throw new UsageError('set-status needs a person and green|red');
      const change = await withServices(config, async (s, store) => s.status.setStatus((await findPerson(store, ref)).id, status, reason, operator));
      console.log(`${change.personId}: ${change.from} → ${change.to}${change.to === 'red' ? ` (${change.reason})` : ''}; red list ${change.redListChanged ? 'updated' : 'unchanged'}.`);
      return;
    }
    case 'import-status':
      return importStatusCommand(rest, config, operator);
    case 'correct-status': {
      const note = flagValue(rest, '--note');
      const i = rest.indexOf('--note');
      const [ref, status, reason] = i === -1 ? rest : [...rest.slice(0, i), ...rest.slice(i + 2)];
      if (!ref || !status || note === undefined) throw new UsageError('correct-status needs a person, green|red and --note <why>');
      const change = await withServices(config, async (s, store) => s.status.correct((await findPerson(store, ref)).id, status, reason, note, operator));
      console.log(`${change.personId}: corrected to ${change.to}${change.to === 'red' ? ` (${change.reason})` : ''}; every code issued before is now red-listed, the next one is fresh.`);
      return;
    }
    case 'sweep-status': {
      const r = await withServices(config, (s) => s.sweeper.sweep(operator));
      console.log(`Swept: ${r.expired} red-list entries expired, ${r.statusChanges} statuses changed (${r.redListAdded} listed, ${r.redListRemoved} unlisted).`);
      return;
    }
    case 'verify-audit': {
      const report = await withServices(config, (_s, store) => store.audit.verify());
      if (report.ok) {
        console.log(`Audit log intact: ${report.checked} entries${report.head ? `, head seq ${report.head.seq} ${report.head.hash}` : ''}.`);
        return;
      }
      const b = report.break;
      console.log(`Audit log BROKEN at seq ${b.seq} (row ${b.position + 1} in storage order): ${b.reason} — ${b.message}. ${report.checked} entries before it verified.`);
      process.exitCode = 1;
      return;
    }
    default:
      throw new UsageError(command ? `Unknown command ${command}` : 'No command given');
  }
}

async function importStatusCommand(args: string[], config: Config, operator: OperatorActor): Promise<void> {
  const feedFlag = flagValue(args, '--feed') ?? flagValue(args, '--template');
  if (feedFlag !== undefined && !(FEED_KINDS as readonly string[]).includes(feedFlag)) throw new UsageError(`the feed is one of ${FEED_KINDS.join(', ')}`);
  if (args.includes('--template')) {
    const header = (flagValue(args, '--header') ?? 'zh-CN') as TemplateHeader;
    if (!['zh-CN', 'en', 'key'].includes(header)) throw new UsageError('--header is zh-CN, en or key');
    process.stdout.write(args.includes('--ndjson') ? templateNdjson(feedFlag as FeedKind) : templateCsv(feedFlag as FeedKind, header));
    return;
  }
  const valued = new Set(['--feed']);
  const file = args.find((a, i) => !a.startsWith('--') && !valued.has(args[i - 1] ?? ''));
  if (!file) throw new UsageError('import-status needs a file');
  const format = formatOfFileName(file);
  if (!format) throw new UsageError('the file must end in .csv, .ndjson, .jsonl or .json (one JSON object per line)');
  const firstLine = await readFirstLine(file);
  const feed = (feedFlag as FeedKind | undefined) ?? detectFeed(firstLine);
  if (!feed) throw new UsageError('cannot tell the feed from the first line: give --feed test-results|key-population');
  const dryRun = args.includes('--dry-run');
  const out = await withServices(config, (s) => s.imports.import({ feed, format, input: createReadStream(file), dryRun, channel: 'cli', actor: operator }));
  const r = out.report;
  console.log(`${feed} import ${out.id}${dryRun ? ' (dry run)' : ''}: ${r.accepted} rows accepted, ${r.rejected} rejected.`);
  if (r.fileError) console.log(`The file cannot be read past line ${r.fileError.line}: ${r.fileError.message}`);
  for (const row of r.rejectedRows) console.log(`  line ${row.line}: ${row.errors.map((e) => `${e.field}: ${e.message}`).join('; ')}`);
  if (r.rejected > r.rejectedRows.length) console.log(`  … and ${r.rejected - r.rejectedRows.length} more rejected rows`);
  const c = out.changes;
  const what = `${c.statusChanges} statuses changed, red list +${c.redListAdded} −${c.redListRemoved}`;
  if (r.applied) console.log(`Applied: ${what} (red-list version ${c.redListVersion}).`);
  else if (dryRun && r.rejected === 0 && !r.fileError) console.log(`Nothing applied (dry run). It would apply: ${what}.`);
  else {
    console.log('Nothing applied: fix the rejected rows and import the whole file again.');
    process.exitCode = 1;
  }
}

async function readFirstLine(file: string): Promise<string> {
  const lines = createInterface({ input: createReadStream(file, { end: 64 * 1024 }), crlfDelay: Infinity });
  try {
    for await (const line of lines) if (line.trim() !== '') return line;
    return '';
  } finally {
    lines.close();
  }
}

async function keysCommand([sub, ...rest]: string[], config: Config, operator: OperatorActor): Promise<void> {
  await withServices(config, async (s) => {
    switch (sub) {
      case 'list': {
        console.log(`trust-list version ${await s.keys.trustVersion()}`);
        for (const k of await s.keys.list()) {
          const from = k.state === 'withdrawn' ? `  withdrawn from ${k.withdrawnFrom === undefined ? 'its start' : iso(k.withdrawnFrom)}` : '';
          console.log(`${k.kid}  ${k.state.padEnd(9)}  valid ${iso(k.validFrom)} → ${iso(k.validTo)}  created ${iso(k.createdAt)}${from}`);
        }
        return;
      }
      case 'ensure': {
        const r = await s.keys.ensureKeys(operator);
        console.log(r.createdRoot ? 'Created the trust root.' : 'Trust root present.');
        console.log(r.createdKid ? `Created signing key ${r.createdKid}.` : 'Active signing key present.');
        console.log(`Trust roots for the PWA build: ${s.keys.files.trustRootsPublicPath}`);
        return;
      }
      case 'create': {
        await s.keys.ensureKeys(operator);
        const standby = rest.includes('--standby');
        const key = await s.keys.createSigningKey(operator, { standby });
        console.log(
          standby
            ? `Created signing key ${key.kid} on standby: published in the trust list, not signing yet. Trust-list version ${await s.keys.trustVersion()}.`
            : `Created signing key ${key.kid} (active); the previous active key is retired. Trust-list version ${await s.keys.trustVersion()}.`,
        );
        return;
      }
      case 'activate': {
        const kid = rest[0];
        if (!kid) throw new UsageError('keys activate needs a kid (see keys list)');
        await s.keys.activate(kid, operator);
        console.log(`${kid} is now the active key; the previous one is retired. Trust-list version ${await s.keys.trustVersion()}.`);
        return;
      }
      case 'retire': {
        const kid = rest[0];
        if (!kid) throw new UsageError('keys retire needs a kid (see keys list)');
        const { replacement } = await s.keys.retire(kid, operator);
        console.log(`Retired ${kid}.${replacement ? ` It was active: new active key ${replacement.kid}.` : ''} Trust-list version ${await s.keys.trustVersion()}.`);
        return;
      }
      case 'withdraw': {
        const kid = rest[0];
        if (!kid) throw new UsageError('keys withdraw needs a kid (see keys list)');
        const fromText = flagValue(rest, '--from');
        const from = fromText === undefined ? undefined : parseOffsetDateTime(fromText);
        if (fromText !== undefined && from === undefined) throw new UsageError('--from needs a time with its offset, e.g. 2026-05-03T09:30:00+08:00');
        const { replacement, withdrawnFrom } = await s.keys.withdraw(kid, operator, from);
        const scope = withdrawnFrom === null ? 'every code it signed is refused' : `codes it signed from ${iso(withdrawnFrom)} are refused, earlier ones stay valid`;
        console.log(`Withdrew ${kid}: ${scope}.${replacement ? ` It was active: new active key ${replacement.kid}.` : ''} Trust-list version ${await s.keys.trustVersion()}.`);
        return;
      }
      default:
        throw new UsageError(`Unknown keys command ${sub ?? ''}`);
    }
  });
}

async function main(): Promise<void> {
  let config: Config;
  try {
    config = loadConfig();
  } catch (e) {
    console.error(e instanceof Error ? e.message : e);
    process.exit(2);
  }
  try {
    await runCli(process.argv.slice(2), config);
  } catch (e) {
    if (e instanceof UsageError) {
      console.error(`${e.message}\n\n${USAGE}`);
      process.exit(2);
    }
    console.error(e instanceof Error ? e.message : e);
    // A domain error (unknown person, bad status) needs no more; anything else may be setup.
    if (!(e instanceof AppError)) console.error(`(config: ${JSON.stringify(describeConfig(config))})`);
    process.exit(1);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) void main();
