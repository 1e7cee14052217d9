// The server's settings, read from the environment once, here and nowhere else. Bad values stop
// the start with a message naming the variable; secrets are masked whenever the config is shown.

import { isAbsolute, join, resolve } from 'node:path';
import { DEFAULT_MAX_VALIDITY_HOURS, type MaxValidityHours } from '../shared/code/verify.js';

export type SmsConfig = { kind: 'outbox' } | { kind: 'http'; url: string; token: string; timeoutMs: number };

export interface Config {
  port: number;
  host: string;
  /** Absolute. Holds the SQLite file (by default) and keys/. */
  dataDir: string;
  /** A SQLite file path or a postgres:// URL. */
  databaseUrl: string;
  production: boolean;
  codeTtlHours: number;
  /** How long a printed code is valid (HG_PRINTED_CODE_DAYS): longer than a phone code, it cannot refresh itself. */
  printedCodeDays: number;
  staticDir: string;
  sms: SmsConfig;
  /** From HG_OTP_SECRET; when absent the server generates one and keeps it in the data dir. */
  otpSecret: string | undefined;
  /** The `iss` claim of codes and the trust list. */
  issuer: string;
  /** Behind a reverse proxy: take the client address (for per-IP limits) from X-Forwarded-For. */
  trustProxy: boolean;
  /** How many reverse proxies stand in front (HG_TRUST_PROXY: 1/true = one, a number = that many, 0/false = none). */
  proxyHops: number;
  /**
   * The live-code transition switch (HG_ACCEPT_UNBOUND_CODES, default on): a phone code shown
   * without a live proof still passes, marked "not live-checked"; off, it is judged a replay.
   */
  acceptUnboundCodes: boolean;
  /** /api/dev/* and the development SMS outbox (HG_DEV_ROUTES; on outside production, refused in it). */
  devRoutes: boolean;
  /** The longest validity a code may carry, per kind (HG_MAX_PHONE_CODE_HOURS, HG_MAX_PRINTED_CODE_DAYS). */
  maxValidityHours: MaxValidityHours;
}

/** A setting production refuses (also thrown at start, e.g. for a demo seed asked for in production). */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

type Env = Record<string, string | undefined>;

const MIN_SECRET_LENGTH = 32;
/** Fewer different characters than this in a secret of 32+ is a pattern, not randomness. */
const MIN_SECRET_DISTINCT = 12;

/** Where the server listens unless HOST says otherwise: this machine only. */
export const DEFAULT_HOST = '127.0.0.1';

/** Parses the environment; throws one ConfigError listing every bad variable. */
export function loadConfig(env: Env = process.env, cwd: string = process.cwd()): Config {
  const problems: string[] = [];
  const get = (name: string): string | undefined => {
    const v = env[name]?.trim();
    return v === '' ? undefined : v;
  };
  const int = (name: string, fallback: number, min: number, max: number): number => {
    const raw = get(name);
    if (raw === undefined) return fallback;
    const n = Number(raw);
    if (!/^[+-]?\d+$/.test(raw) || n < min || n > max) {
      problems.push(`${name} must be a whole number from ${min} to ${max}, got ${JSON.stringify(raw)}`);
      return fallback;
    }
    return n;
  };

  const dataDir = resolve(cwd, get('HG_DATA_DIR') ?? 'data');
  const databaseUrl = get('DATABASE_URL') ?? join(dataDir, 'healthgate.sqlite');
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(databaseUrl) && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    problems.push('DATABASE_URL must be a postgres:// URL or a SQLite file path');
  }

  let sms: SmsConfig = { kind: 'outbox' };
  const smsUrl = get('HG_SMS_PROVIDER_URL');
  const smsToken = get('HG_SMS_PROVIDER_TOKEN');
  if (smsUrl !== undefined) {
    if (!isHttpUrl(smsUrl)) problems.push('HG_SMS_PROVIDER_URL must be an http:// or https:// URL');
    if (smsToken === undefined) problems.push('HG_SMS_PROVIDER_TOKEN is required when HG_SMS_PROVIDER_URL is set');
    sms = { kind: 'http', url: smsUrl, token: smsToken ?? '', timeoutMs: 10_000 };
  } else if (smsToken !== undefined) {
    problems.push('HG_SMS_PROVIDER_TOKEN is set but HG_SMS_PROVIDER_URL is not');
  }

  const otpSecret = get('HG_OTP_SECRET');
  if (otpSecret !== undefined && otpSecret.length < MIN_SECRET_LENGTH) {
    problems.push(`HG_OTP_SECRET must be at least ${MIN_SECRET_LENGTH} characters`);
  } else if (otpSecret !== undefined && new Set(otpSecret).size < MIN_SECRET_DISTINCT) {
    problems.push(`HG_OTP_SECRET is weak (only ${new Set(otpSecret).size} different characters): use random bytes, e.g. \`openssl rand -base64 32\``);
  }
  const issuer = get('HG_ISSUER') ?? 'CN-44';
  if (!/^[A-Za-z0-9-]{1,16}$/.test(issuer)) problems.push('HG_ISSUER must be 1–16 letters, digits or dashes');

  // Each venue now has its own time zone (the venues table); a fixed offset would disagree with it.
  if (get('HG_TZ_OFFSET_MINUTES') !== undefined) problems.push('HG_TZ_OFFSET_MINUTES is no longer read: each venue has its own time zone');

  const trustProxyRaw = get('HG_TRUST_PROXY') ?? '0';
  if (!/^(true|false|[0-9])$/.test(trustProxyRaw)) problems.push('HG_TRUST_PROXY must be 0/false, 1/true or the number of proxies in front (up to 9)');
  const proxyHops = trustProxyRaw === 'true' ? 1 : /^[0-9]$/.test(trustProxyRaw) ? Number(trustProxyRaw) : 0;

  const acceptUnboundRaw = get('HG_ACCEPT_UNBOUND_CODES') ?? '1';
  if (!['0', '1', 'true', 'false'].includes(acceptUnboundRaw)) problems.push('HG_ACCEPT_UNBOUND_CODES must be 1/true or 0/false');

  const production = get('NODE_ENV') === 'production';
  const devRoutesRaw = get('HG_DEV_ROUTES') ?? (production ? '0' : '1');
  if (!['0', '1', 'true', 'false'].includes(devRoutesRaw)) problems.push('HG_DEV_ROUTES must be 1/true or 0/false');
  const devRoutes = devRoutesRaw === '1' || devRoutesRaw === 'true';

  // Production refuses what is only safe on a developer's machine, naming the setting.
  if (production) {
    if (sms.kind === 'outbox') {
      problems.push('NODE_ENV=production needs HG_SMS_PROVIDER_URL and HG_SMS_PROVIDER_TOKEN: without a real SMS sender every sign-in code would go to the server log');
    }
    if (otpSecret === undefined) problems.push(`NODE_ENV=production needs HG_OTP_SECRET (at least ${MIN_SECRET_LENGTH} random characters, e.g. \`openssl rand -base64 32\`)`);
    if (devRoutes) problems.push('HG_DEV_ROUTES is refused with NODE_ENV=production: /api/dev/* shows every sign-in code');
  }

  const maxPhoneHours = int('HG_MAX_PHONE_CODE_HOURS', DEFAULT_MAX_VALIDITY_HOURS.phone, 1, 366 * 24);
  const maxPrintedDays = int('HG_MAX_PRINTED_CODE_DAYS', DEFAULT_MAX_VALIDITY_HOURS.printed / 24, 1, 10 * 366);
  const codeTtlHours = int('HG_CODE_TTL_HOURS', 72, 1, 24 * 30);
  const printedCodeDays = int('HG_PRINTED_CODE_DAYS', 30, 1, 365);
  if (printedCodeDays > maxPrintedDays) problems.push(`HG_PRINTED_CODE_DAYS (${printedCodeDays}) is above HG_MAX_PRINTED_CODE_DAYS (${maxPrintedDays}): every printed code would be refused`);
  if (codeTtlHours > maxPhoneHours) problems.push(`HG_CODE_TTL_HOURS (${codeTtlHours}) is above HG_MAX_PHONE_CODE_HOURS (${maxPhoneHours}): every code would be refused`);

  const staticDir = get('HG_STATIC_DIR') ?? 'dist/web';
  const config: Config = {
    port: int('PORT', 8787, 0, 65535),
    host: get('HOST') ?? DEFAULT_HOST,
    dataDir,
    databaseUrl: /^postgres(ql)?:\/\//.test(databaseUrl) || isAbsolute(databaseUrl) ? databaseUrl : resolve(cwd, databaseUrl),
    production,
    codeTtlHours,
    printedCodeDays,
    staticDir: resolve(cwd, staticDir),
    sms,
    otpSecret,
    issuer,
    trustProxy: proxyHops > 0,
    proxyHops,
    acceptUnboundCodes: acceptUnboundRaw === '1' || acceptUnboundRaw === 'true',
    devRoutes,
    maxValidityHours: { phone: maxPhoneHours, printed: maxPrintedDays * 24 },
  };
  if (problems.length > 0) throw new ConfigError(`Bad configuration:\n  - ${problems.join('\n  - ')}`);
  return config;
}

function isHttpUrl(s: string): boolean {
  try {
    const u = new URL(s);
    return u.protocol === 'http:' || u.protocol === 'https:';
  } catch {
    return false;
  }
}

/** Passwords in URLs and tokens are replaced, so the result is safe to print or log. */
export function describeConfig(c: Config): Record<string, string | number | boolean> {
  return {
    port: c.port,
    host: c.host,
    dataDir: c.dataDir,
    database: maskUrlPassword(c.databaseUrl),
    production: c.production,
    codeTtlHours: c.codeTtlHours,
    printedCodeDays: c.printedCodeDays,
    staticDir: c.staticDir,
    sms: c.sms.kind === 'http' ? `http ${maskUrlPassword(c.sms.url)} (token ${maskSecret(c.sms.token)})` : 'development outbox (server log + /api/dev/sms)',
    otpSecret: c.otpSecret ? maskSecret(c.otpSecret) : 'generated, kept in the data dir',
    issuer: c.issuer,
    trustProxy: c.trustProxy,
    proxyHops: c.proxyHops,
    acceptUnboundCodes: c.acceptUnboundCodes,
    devRoutes: c.devRoutes,
    maxValidityHours: `phone ${c.maxValidityHours.phone} h, printed ${c.maxValidityHours.printed / 24} d`,
  };
}

export function maskSecret(s: string): string {
  return s.length === 0 ? '(empty)' : `****(${s.length} chars)`;
}

function maskUrlPassword(s: string): string {
  try {
    const u = new URL(s);
    if (!u.password) return s;
    u.password = '****';
    return u.toString();
  } catch {
    return s;
  }
}
