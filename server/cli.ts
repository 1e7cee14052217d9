// The operator's command line: `npm run cli -- <command>`. Serving, demo data, key rotation,
// printing a code for someone without a phone, and status changes — each through the same
// services the HTTP routes use, so the rules (and the audit log) are the same.

import { readFile } from 'node:fs/promises';
import { userInfo } from 'node:os';
import { pathToFileURL } from 'node:url';
import { AppError } from '../shared/errors.js';
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
  keys create                      new active signing key; the active one is retired
  keys withdraw <kid>              withdraw a key: its codes stop verifying
  issue-code <person-id|phone>...  print a freshly signed code (the QR text), one line per person
  registry import <file.csv> [--dry-run]
                                   fill the identity registry from an entry manifest (columns: name,
                                   document_type, document_number, issue_count, country); a report per
                                   row; any bad row and nothing is imported
  set-status <person-id|phone> green|red [reason]
                                   change a status (red needs a reason, e.g. close-contact)`;

class UsageError extends Error {}

async function withServices<T>(config: Config, fn: (s: Services, store: Store) => Promise<T>): Promise<T> {
  const store = createStore(await connect({ url: config.databaseUrl }));
  try {
    return await fn(buildServices(config, store, { log: (line) => console.error(line) }), store);
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
    default:
      throw new UsageError(command ? `Unknown command ${command}` : 'No command given');
  }
}

async function keysCommand([sub, ...rest]: string[], config: Config, operator: OperatorActor): Promise<void> {
  await withServices(config, async (s) => {
    switch (sub) {
      case 'list': {
        console.log(`trust-list version ${await s.keys.trustVersion()}`);
        for (const k of await s.keys.list()) console.log(`${k.kid}  ${k.state.padEnd(9)}  valid ${iso(k.validFrom)} → ${iso(k.validTo)}  created ${iso(k.createdAt)}`);
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
        const key = await s.keys.createSigningKey(operator);
        console.log(`Created signing key ${key.kid} (active); the previous active key is retired. Trust-list version ${await s.keys.trustVersion()}.`);
        return;
      }
      case 'withdraw': {
        const kid = rest[0];
        if (!kid) throw new UsageError('keys withdraw needs a kid (see keys list)');
        const { replacement } = await s.keys.withdraw(kid, operator);
        console.log(`Withdrew ${kid}.${replacement ? ` It was active: new active key ${replacement.kid}.` : ''} Trust-list version ${await s.keys.trustVersion()}.`);
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
