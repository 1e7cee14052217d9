import { createHash } from 'node:crypto';
import { expect, it } from 'vitest';
import { userActor } from './actor.js';
import { describeStores } from '../testing/stores.js';
import { SESSION_RULES, SessionService } from './sessions.js';
import { TestClock } from '../testing/server.js';

const PHONE = '+8613800000002';

describeStores('sessions', (store) => {
  async function setup() {
    const s = store();
    await s.people.createPerson({ id: 'p1', sub: 'AAAAAAAAAAA', name: '张小明', document_no: null, status: 'green', reason: 'none', status_changed_at: 1, created_at: 1 });
    await s.accounts.createUser({ id: 'u-holder', phone: PHONE, role: 'holder', person_id: 'p1', created_at: 1 });
    const clock = new TestClock();
    return { s, clock, sessions: new SessionService(s, clock.now) };
  }

  it('stores only the SHA-256 of a 256-bit token', async () => {
    const { s, sessions } = await setup();
    const { token } = await sessions.signIn(PHONE, false, 'test-agent');
    expect(Buffer.from(token, 'base64url')).toHaveLength(32);
    const [row] = await s.auth.sessionsOfUser('u-holder');
    expect(row!.token_hash).toBe(createHash('sha256').update(token).digest('hex'));
    expect(JSON.stringify(row)).not.toContain(token);
    expect(await sessions.authenticate(row!.token_hash)).toBeUndefined();
    expect(await sessions.authenticate(token)).toEqual({ kind: 'user', id: 'u-holder', role: 'holder', personId: 'p1', sessionId: expect.stringMatching(/^[A-Za-z0-9_-]{22}$/) });
  });

  it('remembers a holder for 30 days only when asked, otherwise 12 hours', async () => {
    const { clock, sessions } = await setup();
    const remembered = await sessions.signIn(PHONE, true, '');
    const brief = await sessions.signIn(PHONE, false, '');
    expect(remembered.cookieMaxAgeSec).toBe(SESSION_RULES.holderRememberMs / 1000);
    expect(brief.cookieMaxAgeSec).toBeUndefined();
    clock.advance(SESSION_RULES.defaultMs);
    expect(await sessions.authenticate(brief.token)).toBeUndefined();
    expect(await sessions.authenticate(remembered.token)).toBeDefined();
    clock.advance(SESSION_RULES.holderRememberMs - SESSION_RULES.defaultMs);
    expect(await sessions.authenticate(remembered.token)).toBeUndefined();
  });

  it('gives staff 12 hours even when they ask to be remembered, and picks the highest role of a phone', async () => {
    const { s, clock, sessions } = await setup();
    await s.accounts.createUser({ id: 'u-insp', phone: PHONE, role: 'inspector', person_id: null, created_at: 2 });
    const signed = await sessions.signIn(PHONE, true, '');
    expect(signed.user.role).toBe('inspector');
    clock.advance(SESSION_RULES.staffMs);
    expect(await sessions.authenticate(signed.token)).toBeUndefined();
  });

  it('ends a session at sign-out', async () => {
    const { sessions } = await setup();
    const { token } = await sessions.signIn(PHONE, true, '');
    await sessions.signOut(token);
    expect(await sessions.authenticate(token)).toBeUndefined();
  });

  it('shows holders their own masked name and staff none', async () => {
    const { sessions } = await setup();
    expect(await sessions.me(userActor('u-holder', 'holder', 'p1'))).toEqual({ id: 'u-holder', role: 'holder', maskedName: '张*明' });
    expect(await sessions.me(userActor('u-x', 'manager', 'p1'))).toEqual({ id: 'u-x', role: 'manager', maskedName: null });
  });

  it('never opens a session for a number without an account', async () => {
    const { sessions } = await setup();
    await expect(sessions.signIn('+8613999999999', false, '')).rejects.toMatchObject({ code: 'otp_invalid' });
  });
});
