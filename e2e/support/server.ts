// Runs the real server (server/main.ts through tsx) as a child process, so a test can stop it
// — the honest "network down" — and start it again on the same database.

import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { resolve } from 'node:path';
import { DATA_DIR, ROOT, TMP, WEB_OUT } from './paths.js';

async function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => res(port));
    });
    srv.on('error', rej);
  });
}

export interface ServerOptions {
  /** A name for this server's SQLite file (fresh per name and run) or a postgres:// URL. */
  database: string;
  env?: Record<string, string>;
}

export class TestServer {
  private child: ChildProcess | undefined;
  private log = '';
  readonly env: Record<string, string>;

  private constructor(
    readonly port: number,
    databaseUrl: string,
    extraEnv: Record<string, string>,
  ) {
    this.env = {
      PORT: String(port),
      HOST: '127.0.0.1',
      HG_DATA_DIR: DATA_DIR,
      DATABASE_URL: databaseUrl,
      HG_STATIC_DIR: WEB_OUT,
      NODE_ENV: 'development',
      ...extraEnv,
    };
  }

  static async create(opts: ServerOptions): Promise<TestServer> {
    mkdirSync(resolve(TMP, 'db'), { recursive: true });
    const url = opts.database.startsWith('postgres')
      ? opts.database
      : resolve(TMP, 'db', `${opts.database}-${Date.now().toString(36)}.sqlite`);
    return new TestServer(await freePort(), url, opts.env ?? {});
  }

  /** The running server's process id (undefined when stopped). */
  get pid(): number | undefined {
    return this.child?.pid;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Runs a CLI command against this server's database (seed, issue-code …); returns stdout. */
  cli(...args: string[]): string {
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'server/cli.ts', ...args], {
      cwd: ROOT,
      env: { ...process.env, ...this.env },
      encoding: 'utf8',
    });
    if (r.status !== 0) throw new Error(`cli ${args.join(' ')} failed (${r.status}):\n${r.stdout}\n${r.stderr}`);
    return r.stdout;
  }

  async start(): Promise<void> {
    if (this.child) return;
    this.log = '';
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
      cwd: ROOT,
      env: { ...process.env, ...this.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout!.on('data', (d) => (this.log += d));
    child.stderr!.on('data', (d) => (this.log += d));
    this.child = child;
    // Generous: a server start is setup, not a measurement, and tsx compiles it afresh on a machine
    // that CI may share with other work (seen: more than 30 s at load 30 on 2 cores).
    const deadline = Date.now() + 90_000;
    while (Date.now() < deadline) {
      if (child.exitCode !== null || child.signalCode !== null) throw new Error(`server exited early:\n${this.log}`);
      try {
        const res = await fetch(`${this.url}/api/health`);
        if (res.ok) return;
      } catch {
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, 150));
    }
    throw new Error(`server did not start in 90 s:\n${this.log}`);
  }

  async stop(): Promise<void> {
    const child = this.child;
    if (!child) return;
    this.child = undefined;
    if (child.exitCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(timer);
  }

  output(): string {
    return this.log;
  }
}
