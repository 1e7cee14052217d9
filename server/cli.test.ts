import { spawn, spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { runCli } from './cli.js';
import { loadConfig, type Config } from './config.js';
import { buildServices } from './main.js';
import { tempDataDir } from './testing/server.js';
import { connect } from './store/connect.js';
import { createStore } from './store/store.js';

const ROOT = new URL('..', import.meta.url).pathname;

function captured(): { lines: string[] } {
  const out = { lines: [] as string[] };
  vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void out.lines.push(a.join(' ')));
  vi.spyOn(console, 'error').mockImplementation(() => {});
  return out;
}
afterEach(() => vi.restoreAllMocks());

/** Verifies a code the way the server would, against the database the CLI wrote. */
async function serverVerdict(config: Config, text: string) {
  const store = createStore(await connect({ url: config.databaseUrl }));
  try {
    return await buildServices(config, store, { log: () => {} }).verifier.verify(text, Date.now());
  } finally {
    await store.close();
  }
}

async function serverPerson(config: Config, id: string) {
  const store = createStore(await connect({ url: config.databaseUrl }));
  try {
    return await store.people.getPerson(id);
  } finally {
    await store.close();
  }
}

describe('cli', () => {
  it('makes keys once, rotates and withdraws them, and lists them in their states', async () => {
    const config = loadConfig({ HG_DATA_DIR: tempDataDir() });
    const out = captured();
    await runCli(['keys', 'ensure'], config);
    expect(out.lines.join('\n')).toContain('Created the trust root');
    expect(out.lines.join('\n')).toContain(`${config.dataDir}/keys/trust-roots.public.json`);
    out.lines.length = 0;
    await runCli(['keys', 'ensure'], config);
    expect(out.lines.join('\n')).toContain('Trust root present');

    await runCli(['seed'], config);
    out.lines.length = 0;
    await runCli(['issue-code', 'demo-zhang'], config);
    const oldCode = out.lines.at(-1)!;
    await runCli(['keys', 'create'], config);
    out.lines.length = 0;
    await runCli(['keys', 'list'], config);
    const [version, ...keys] = out.lines;
    expect(version).toBe('trust-list version 2');
    expect(keys.map((l) => l.split(/\s+/)[1])).toEqual(['retired', 'active']);
    expect((await serverVerdict(config, oldCode)).kind).toBe('green');

    await runCli(['keys', 'withdraw', keys[0]!.split(/\s+/)[0]!], config);
    expect(await serverVerdict(config, oldCode)).toMatchObject({ kind: 'unknown-key', withdrawn: true });
  });

  it('refuses to seed the demo accounts in production, and writes nothing', async () => {
    const dataDir = tempDataDir();
    const config = loadConfig({
      HG_DATA_DIR: dataDir,
      NODE_ENV: 'production',
      HG_SMS_PROVIDER_URL: 'https://sms.example/send',
      HG_SMS_PROVIDER_TOKEN: 'tok',
      HG_OTP_SECRET: 'Zk3q9Xv2Lr8Tn4Wb7Yc1Hd6Jm5Pa0Se_-AbCdEf',
    });
    captured();
    await expect(runCli(['seed'], config)).rejects.toThrow(/seed is refused with NODE_ENV=production/);
    await expect(runCli(['seed', '--extra-holders', '3'], config)).rejects.toThrow(/NODE_ENV=production/);
    // Not even the database file: the refusal comes before anything is opened.
    const store = createStore(await connect({ url: config.databaseUrl }));
    try {
      expect(await store.accounts.usersByPhone('+8613800000005')).toEqual([]);
    } finally {
      await store.close();
    }
  });

  it('issues codes by person id or phone and changes status with a reason', async () => {
    const config = loadConfig({ HG_DATA_DIR: tempDataDir() });
    const out = captured();
    await runCli(['seed', '--extra-holders', '2'], config);
    await runCli(['issue-code', 'demo-holder-2', '13800000003'], config);
    // Several people in one call: one code per line, in the order asked.
    const [extra, red] = out.lines.at(-1)!.split('\n');
    expect((await serverVerdict(config, extra!)).kind).toBe('green');
    expect(await serverVerdict(config, red!)).toMatchObject({ kind: 'red', reason: 'close-contact' });

    await expect(runCli(['set-status', '+8613900000001', 'red'], config)).rejects.toMatchObject({ code: 'validation_failed' });
    await runCli(['issue-code', '+8613900000001'], config);
    const before = out.lines.at(-1)!;
    await runCli(['set-status', '+8613900000001', 'red', 'positive-test'], config);
    expect(out.lines.at(-1)).toContain('green → red (positive-test); red list updated');
    expect((await serverVerdict(config, before)).kind).toBe('red-listed');
    await expect(runCli(['issue-code', 'nobody'], config)).rejects.toMatchObject({ code: 'not_found' });
    await expect(runCli(['frobnicate'], config)).rejects.toThrow('Unknown command frobnicate');
  });

  it('names the operator in the audit log: --as, or the OS user', async () => {
    const config = loadConfig({ HG_DATA_DIR: tempDataDir() });
    captured();
    await runCli(['seed'], config);
    await runCli(['--as', 'wang.li', 'set-status', 'demo-zhang', 'red', 'quarantine'], config);
    await runCli(['set-status', 'demo-zhang', 'green'], config);
    const store = createStore(await connect({ url: config.databaseUrl }));
    try {
      const [cleared, turned] = await store.audit.recent(2);
      expect(turned).toMatchObject({ actor: 'operator:wang.li', action: 'person.set-status', target: 'person:demo-zhang' });
      expect(cleared).toMatchObject({ actor: `operator:${userInfo().username}`, action: 'person.set-status' });
    } finally {
      await store.close();
    }
    await expect(runCli(['--as', 'bad name!', 'seed'], config)).rejects.toThrow('--as needs a name');
  });

  it('import-status: dry run, a rejected file that changes nothing, then the import that turns a holder red', async () => {
    const config = loadConfig({ HG_DATA_DIR: tempDataDir() });
    const out = captured();
    await runCli(['seed'], config);
    const store = createStore(await connect({ url: config.databaseUrl }));
    try {
      await store.people.createPerson({ id: 'p-doc', sub: 'ZG9jLXN1Yi0x', name: '王五', document_no: 'E12345678', status: 'green', reason: 'none', status_changed_at: 1, created_at: 1 });
    } finally {
      await store.close();
    }
    const file = (name: string, text: string) => {
      const path = `${config.dataDir}/${name}`;
      writeFileSync(path, text);
      return path;
    };
    const today = new Date().toISOString().slice(0, 10);
    await runCli(['import-status', '--template', 'key-population', '--header', 'en'], config);
    const header = 'documentType,documentNumber,category,startDate,endDate,sourceNote';
    const good = file('contacts.csv', `${header}\npassport,E12345678,close-contact,${today},,CDC\n`);
    const bad = file('bad.csv', `${header}\npassport,E12345678,close-contact,${today},,CDC\npassport,E1,close-contact,${today},,CDC\n`);

    await runCli(['import-status', good, '--dry-run'], config);
    expect(out.lines.at(-1)).toBe('Nothing applied (dry run). It would apply: 1 statuses changed, red list +1 −0.');
    try {
      await runCli(['import-status', bad], config);
      expect(out.lines).toContain('  line 3: documentNumber: not a valid document number');
      expect(out.lines.at(-1)).toContain('Nothing applied');
      expect(process.exitCode).toBe(1);
    } finally {
      process.exitCode = 0;
    }
    expect(await serverPerson(config, 'p-doc')).toMatchObject({ status: 'green' });
    await runCli(['--as', 'cdc.clerk', 'import-status', good], config);
    expect(out.lines.at(-2)).toMatch(/^key-population import [0-9a-f-]{36}: 1 rows accepted, 0 rejected\.$/);
    expect(out.lines.at(-1)).toMatch(/^Applied: 1 statuses changed, red list \+1 −0 \(red-list version \d+\)\.$/);
    expect(await serverPerson(config, 'p-doc')).toMatchObject({ status: 'red', reason: 'close-contact' });
    await expect(runCli(['import-status', file('x.txt', 'a')], config)).rejects.toThrow('must end in .csv');
    await expect(runCli(['import-status', file('y.csv', 'a,b\n1,2\n')], config)).rejects.toThrow('cannot tell the feed');
  });

  it('verify-audit passes an intact log and names the first broken link of a tampered one', async () => {
    const config = loadConfig({ HG_DATA_DIR: tempDataDir() });
    const out = captured();
    await runCli(['seed'], config);
    await runCli(['set-status', 'demo-zhang', 'red', 'close-contact'], config);
    await runCli(['set-status', 'demo-zhang', 'green'], config);
    await runCli(['verify-audit'], config);
    expect(out.lines.at(-1)).toMatch(/^Audit log intact: \d+ entries, head seq \d+ [0-9a-f]{64}\.$/);
    expect(process.exitCode ?? 0).toBe(0);

    const store = createStore(await connect({ url: config.databaseUrl }));
    let seq: number;
    try {
      const [cleared] = await store.audit.recent(1);
      seq = Number(cleared!.seq);
      // Someone with database access rewrites who cleared the person.
      const db = (store.audit as unknown as { db: import('kysely').Kysely<import('./store/schema.js').Database> }).db;
      await db.updateTable('audit_log').set({ actor: 'operator:nobody' }).where('seq', '=', seq).execute();
    } finally {
      await store.close();
    }
    try {
      await runCli(['verify-audit'], config);
      expect(out.lines.at(-1)).toContain(`Audit log BROKEN at seq ${seq} `);
      expect(out.lines.at(-1)).toContain('tampered');
      expect(process.exitCode).toBe(1);
    } finally {
      process.exitCode = 0;
    }
  });
});

describe('cli registry import', () => {
  it('prints a report per row, imports a good file and nothing of a bad one', async () => {
    const config = loadConfig({ HG_DATA_DIR: tempDataDir() });
    const out = captured();
    const good = join(config.dataDir, 'good.csv');
    const bad = join(config.dataDir, 'bad.csv');
    writeFileSync(good, 'name,document_type,document_number,country\nLEE ANNA,passport,E1234567,GB\nDOE JOHN,passport,E7654321,US\n');
    writeFileSync(bad, 'name,document_type,document_number,country\nSMITH JO,passport,E1111111,GB\nSMITH 2,passport,E2222222,GB\n');
    await runCli(['registry', 'import', good, '--dry-run'], config);
    expect(out.lines).toEqual(['line 2: ok', 'line 3: ok', '2 rows checked, all good (dry run: nothing imported).']);
    out.lines.length = 0;
    await runCli(['registry', 'import', good], config);
    expect(out.lines.at(-1)).toBe('Imported 2 rows into the identity registry.');
    out.lines.length = 0;
    await runCli(['registry', 'import', bad], config);
    expect(out.lines).toEqual(['line 2: ok', 'line 3: name: name-digits', '1 of 2 rows have problems: nothing imported. Fix them and import the file again.']);
    expect(process.exitCode).toBe(1);
    process.exitCode = 0;
    const store = createStore(await connect({ url: config.databaseUrl }));
    try {
      expect(await store.registry.count()).toBe(2);
      expect((await store.audit.recent(1))[0]).toMatchObject({ action: 'registry.import', target: 'system:identity-registry' });
    } finally {
      await store.close();
    }
    await expect(runCli(['registry', 'import'], config)).rejects.toThrow('registry import needs a CSV file');
  });
});

describe('cli and server as processes', () => {
  const env = (dataDir: string) => ({ ...process.env, HG_DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1' });

  it('prints only the code on stdout for issue-code, and exits 2 with usage on a bad command', () => {
    const dataDir = tempDataDir();
    const run = (...args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', 'server/cli.ts', ...args], { cwd: ROOT, env: env(dataDir), encoding: 'utf8' });
    expect(run('seed').status).toBe(0);
    const issued = run('issue-code', '13800000002');
    expect(issued.status).toBe(0);
    expect(issued.stdout).toMatch(/^HG1:[0-9A-Z $%*+\-./:]+\n$/);
    const bad = run('nope');
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('Usage: npm run cli');
  }, 90_000); // three CLI starts, each compiled by tsx: seen over 20 s together on a loaded machine

  it('shuts the server down cleanly on SIGTERM', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], { cwd: ROOT, env: env(tempDataDir()), stdio: ['ignore', 'pipe', 'pipe'] });
    let log = '';
    child.stdout.on('data', (d: Buffer) => (log += d.toString()));
    child.stderr.on('data', (d: Buffer) => (log += d.toString()));
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no start in time:\n${log}`)), 15_000);
      child.stdout.on('data', () => {
        const m = log.match(/open (http:\/\/\S+)/);
        if (m) {
          clearTimeout(timer);
          resolve(m[1]!);
        }
      });
    });
    expect((await fetch(`${url}/api/health`)).status).toBe(200);
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(log).toContain('SIGTERM: stopping');
  });
});

describe('cli corrections', () => {
  it('correct-status re-issues the code and red-lists the old one in one step', async () => {
    const config = loadConfig({ HG_DATA_DIR: tempDataDir() });
    const out = captured();
    await runCli(['seed'], config);
    await runCli(['issue-code', 'demo-zhang'], config);
    const old = out.lines.at(-1)!;
    expect((await serverVerdict(config, old)).kind).toBe('green');
    await expect(runCli(['correct-status', 'demo-zhang', 'green'], config)).rejects.toThrow('--note');
    await runCli(['correct-status', 'demo-zhang', 'green', '--note', 'wrong person linked by the feed'], config);
    expect(out.lines.at(-1)).toContain('corrected to green');
    expect((await serverVerdict(config, old)).kind).toBe('red-listed');
    await runCli(['issue-code', 'demo-zhang'], config);
    expect((await serverVerdict(config, out.lines.at(-1)!)).kind).toBe('green');
  });
});
