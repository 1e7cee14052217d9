import { describe, expect, it } from 'vitest';
import { ConfigError, describeConfig, loadConfig } from './config.js';

const SECRET = 'q7Zp2VxL9mWt4Rk8Yc3Hn6Jd1Fs5Gb0A';
const PRODUCTION = { NODE_ENV: 'production', HG_SMS_PROVIDER_URL: 'https://sms.example/send', HG_SMS_PROVIDER_TOKEN: 'tok', HG_OTP_SECRET: SECRET };

function messageOf(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    return (e as Error).message;
  }
  throw new Error('did not throw');
}

describe('production refuses what is only safe on a developer machine', () => {
  it('starts with a real SMS sender, a strong secret and no dev routes', () => {
    expect(loadConfig(PRODUCTION)).toMatchObject({ production: true, devRoutes: false, sms: { kind: 'http' } });
  });

  it('refuses the development outbox (no SMS provider), naming the settings', () => {
    const { HG_SMS_PROVIDER_URL: _u, HG_SMS_PROVIDER_TOKEN: _t, ...env } = PRODUCTION;
    expect(messageOf(() => loadConfig(env))).toMatch(/HG_SMS_PROVIDER_URL/);
  });

  it('refuses a missing or weak OTP secret', () => {
    const { HG_OTP_SECRET: _s, ...env } = PRODUCTION;
    expect(messageOf(() => loadConfig(env))).toMatch(/needs HG_OTP_SECRET/);
    expect(messageOf(() => loadConfig({ ...env, HG_OTP_SECRET: 'x'.repeat(40) }))).toMatch(/HG_OTP_SECRET is weak/);
    expect(messageOf(() => loadConfig({ ...env, HG_OTP_SECRET: 'password'.repeat(5) }))).toMatch(/HG_OTP_SECRET is weak/);
    expect(messageOf(() => loadConfig({ ...env, HG_OTP_SECRET: 'short' }))).toMatch(/HG_OTP_SECRET must be at least 32/);
  });

  it('refuses development routes', () => {
    expect(messageOf(() => loadConfig({ ...PRODUCTION, HG_DEV_ROUTES: '1' }))).toMatch(/HG_DEV_ROUTES/);
    expect(loadConfig({}).devRoutes).toBe(true);
    expect(loadConfig({ HG_DEV_ROUTES: '0' }).devRoutes).toBe(false);
  });
});

describe('the longest validity of a code', () => {
  it('defaults to 30 days on a phone and a year printed, is configurable, and must cover HG_CODE_TTL_HOURS', () => {
    expect(loadConfig({}).maxValidityHours).toEqual({ phone: 720, printed: 366 * 24 });
    expect(loadConfig({ HG_MAX_PHONE_CODE_HOURS: '96', HG_MAX_PRINTED_CODE_DAYS: '90' }).maxValidityHours).toEqual({ phone: 96, printed: 90 * 24 });
    expect(messageOf(() => loadConfig({ HG_MAX_PHONE_CODE_HOURS: '48' }))).toMatch(/HG_CODE_TTL_HOURS \(72\) is above HG_MAX_PHONE_CODE_HOURS/);
  });
});

describe('HG_TRUST_PROXY', () => {
  it('counts the proxies in front: 1/true one, a number that many, 0/false none', () => {
    expect(loadConfig({}).proxyHops).toBe(0);
    expect(loadConfig({ HG_TRUST_PROXY: 'true' })).toMatchObject({ proxyHops: 1, trustProxy: true });
    expect(loadConfig({ HG_TRUST_PROXY: '2' })).toMatchObject({ proxyHops: 2, trustProxy: true });
    expect(loadConfig({ HG_TRUST_PROXY: 'false' })).toMatchObject({ proxyHops: 0, trustProxy: false });
    expect(() => loadConfig({ HG_TRUST_PROXY: 'yes' })).toThrow(/HG_TRUST_PROXY/);
  });
});

describe('config', () => {
  it('has working defaults', () => {
    const c = loadConfig({}, '/srv/hg');
    expect(c).toMatchObject({
      port: 8787,
      host: '127.0.0.1',
      dataDir: '/srv/hg/data',
      databaseUrl: '/srv/hg/data/healthgate.sqlite',
      production: false,
      codeTtlHours: 72,
      staticDir: '/srv/hg/dist/web',
      sms: { kind: 'outbox' },
      otpSecret: undefined,
      trustProxy: false,
    });
  });

  it('reads every variable', () => {
    const c = loadConfig(
      {
        PORT: '9000',
        HOST: '127.0.0.1',
        HG_DATA_DIR: 'var',
        DATABASE_URL: 'postgres://hg:pw@db/hg',
        NODE_ENV: 'production',
        HG_CODE_TTL_HOURS: '24',
        HG_STATIC_DIR: '/www',
        HG_SMS_PROVIDER_URL: 'https://sms.example/send',
        HG_SMS_PROVIDER_TOKEN: 'tok-123456',
        HG_OTP_SECRET: SECRET,
        HG_TRUST_PROXY: '1',
      },
      '/srv',
    );
    expect(c).toMatchObject({
      port: 9000,
      host: '127.0.0.1',
      dataDir: '/srv/var',
      databaseUrl: 'postgres://hg:pw@db/hg',
      production: true,
      codeTtlHours: 24,
      staticDir: '/www',
      sms: { kind: 'http', url: 'https://sms.example/send', token: 'tok-123456' },
      otpSecret: SECRET,
      trustProxy: true,
      devRoutes: false,
    });
  });

  it('fails fast, naming every bad variable', () => {
    const bad = () =>
      loadConfig({ PORT: 'eighty', HG_CODE_TTL_HOURS: '0', HG_SMS_PROVIDER_URL: 'ftp://x', HG_OTP_SECRET: 'short', DATABASE_URL: 'mysql://db', HG_TRUST_PROXY: 'yes' });
    expect(bad).toThrow(ConfigError);
    let message = '';
    try {
      bad();
    } catch (e) {
      message = (e as Error).message;
    }
    for (const name of ['PORT', 'HG_CODE_TTL_HOURS', 'HG_SMS_PROVIDER_URL', 'HG_SMS_PROVIDER_TOKEN', 'HG_OTP_SECRET', 'DATABASE_URL', 'HG_TRUST_PROXY']) {
      expect(message).toContain(name);
    }
  });

  it('masks secrets when shown', () => {
    const c = loadConfig({
      DATABASE_URL: 'postgres://hg:hunter2@db/hg',
      HG_SMS_PROVIDER_URL: 'https://sms.example/send',
      HG_SMS_PROVIDER_TOKEN: 'tok-secret-value',
      HG_OTP_SECRET: `otp-secret-${SECRET}`,
    });
    const shown = JSON.stringify(describeConfig(c));
    expect(shown).not.toContain('hunter2');
    expect(shown).not.toContain('tok-secret-value');
    expect(shown).not.toContain('otp-secret-');
    expect(shown).toContain('postgres://hg:****@db/hg');
  });

  it('reads the live-code transition switch: on unless turned off, and nothing but a yes or a no', () => {
    expect(loadConfig({}).acceptUnboundCodes).toBe(true);
    expect(loadConfig({ HG_ACCEPT_UNBOUND_CODES: '0' }).acceptUnboundCodes).toBe(false);
    expect(loadConfig({ HG_ACCEPT_UNBOUND_CODES: 'false' }).acceptUnboundCodes).toBe(false);
    expect(loadConfig({ HG_ACCEPT_UNBOUND_CODES: 'true' }).acceptUnboundCodes).toBe(true);
    expect(() => loadConfig({ HG_ACCEPT_UNBOUND_CODES: 'off' })).toThrow(/HG_ACCEPT_UNBOUND_CODES/);
  });
});
