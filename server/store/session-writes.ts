// When may a process trust the sessions it has already read? On SQLite — the embedded default,
// one server process — until any write that could end or change a session or its account:
// - in this process, every UPDATE or DELETE of `sessions` or `users` (the plugin below sees each
//   query as Kysely builds it and again once it has run), except the five-minutely last-seen touch;
// - by any other connection to the file (the CLI, a second process), which moves SQLite's
//   `PRAGMA data_version`.
// The version string changes with either. PostgreSQL deployments run several processes that
// could not see each other's writes this way, so they have no version and read every time.

import type Database from 'better-sqlite3';
import type { KyselyPlugin, OperationNode, PluginTransformQueryArgs, PluginTransformResultArgs, QueryResult, RootOperationNode, UnknownRow } from 'kysely';

const WATCHED = new Set(['sessions', 'users']);

function tableName(node: OperationNode | undefined): string | undefined {
  if (node?.kind === 'TableNode') return (node as unknown as { table: { identifier: { name: string } } }).table.identifier.name;
  if (node?.kind === 'AliasNode') return tableName((node as unknown as { node: OperationNode }).node);
  return undefined;
}

/** Does this query change a session or an account (a last-seen touch alone does not)? */
export function changesSessions(node: RootOperationNode): boolean {
  switch (node.kind) {
    case 'UpdateQueryNode': {
      if (!WATCHED.has(tableName(node.table) ?? '')) return false;
      const columns = (node.updates ?? []).map((u) => (u.column as unknown as { column?: { name: string } }).column?.name);
      return !(tableName(node.table) === 'sessions' && columns.length > 0 && columns.every((c) => c === 'last_seen_at'));
    }
    case 'DeleteQueryNode':
      return node.from.froms.some((f) => WATCHED.has(tableName(f) ?? ''));
    case 'RawNode': {
      const text = node.sqlFragments.join(' ');
      return /\b(update|delete|drop|alter)\b/i.test(text) && /\b(sessions|users)\b/i.test(text);
    }
    default:
      return false;
  }
}

export class SessionWrites implements KyselyPlugin {
  /** Moves before and after every write that could change a session: a read between the two is not trusted. */
  private generation = 0;
  private readonly pending = new WeakSet<object>();
  private readonly dataVersion: () => unknown;

  constructor(sqlite: Database.Database) {
    const stmt = sqlite.prepare('PRAGMA data_version').pluck();
    this.dataVersion = () => stmt.get();
  }

  /**
   * Equal strings: nothing that could change a session was written in between, here or elsewhere.
   * Read on every call (a WAL read lock: two fcntl calls, 8–15 µs in a busy server, measured A/B):
   * sharing one read across an event-loop turn left a window where a request read after another
   * connection's write still saw the old value.
   */
  version(): string {
    return `${this.generation}:${String(this.dataVersion())}`;
  }

  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    if (changesSessions(args.node)) {
      this.generation++;
      this.pending.add(args.queryId);
    }
    return args.node;
  }

  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    if (this.pending.delete(args.queryId)) this.generation++;
    return args.result;
  }
}
