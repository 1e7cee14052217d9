import { expect, it } from 'vitest';
import { describeStores } from '../testing/stores.js';

const challenge = (id: string, phone: string, at: number) => ({
  id,
  phone,
  code_hmac: `hmac-${id}`,
  created_at: at,
  expires_at: at + 300_000,
  attempts: 0,
  used_at: null,
});

describeStores('auth store', (store) => {
  it('finds a session with its user only by the token hash and only until it expires', async () => {
    const s = store();
    await s.accounts.createUser({ id: 'u1', phone: '+8613800000002', role: 'holder', person_id: null, created_at: 1 });
    await s.auth.createSession({ token_hash: 'h1', user_id: 'u1', created_at: 10, expires_at: 100, remember: 1, user_agent: 'ua', id: 's1', last_seen_at: 10, reverified_at: null });
    expect(await s.auth.sessionUser('h1', 50)).toMatchObject({ session: { token_hash: 'h1', created_at: 10, remember: 1 }, user: { id: 'u1', role: 'holder', created_at: 1 } });
    expect(await s.auth.sessionUser('h1', 100)).toBeUndefined();
    expect(await s.auth.sessionUser('h2', 50)).toBeUndefined();
    expect(await s.auth.deleteExpiredSessions(100)).toBe(1);
    expect(await s.auth.sessionsOfUser('u1')).toEqual([]);
  });

  it('lists, touches, forgets and ends an account’s sessions by their public id', async () => {
    const s = store();
    await s.accounts.createUser({ id: 'u1', phone: '+8613800000002', role: 'holder', person_id: null, created_at: 1 });
    await s.accounts.createUser({ id: 'u2', phone: '+8613800000003', role: 'holder', person_id: null, created_at: 1 });
    const session = (id: string, user: string, created: number, expires: number) =>
      s.auth.createSession({ token_hash: `h-${id}`, user_id: user, created_at: created, expires_at: expires, remember: 1, user_agent: 'ua', id, last_seen_at: created, reverified_at: null });
    await session('a', 'u1', 10, 1000);
    await session('b', 'u1', 20, 1000);
    await session('c', 'u1', 30, 40);
    await session('x', 'u2', 10, 1000);
    await s.auth.touchSession('a', 500);
    await s.auth.touchSession('a', 400); // never backwards
    expect((await s.auth.liveSessionsOfUser('u1', 50)).map((r) => [r.id, r.last_seen_at])).toEqual([['a', 500], ['b', 20]]);

    expect(await s.auth.forgetSession('u2', 'a', 300)).toBe(false);
    expect(await s.auth.forgetSession('u1', 'a', 300)).toBe(true);
    expect(await s.auth.forgetSession('u1', 'b', 5000)).toBe(true); // never later than it was
    expect((await s.auth.liveSessionsOfUser('u1', 50)).map((r) => [r.id, r.remember, r.expires_at])).toEqual([['a', 0, 300], ['b', 0, 1000]]);

    expect(await s.auth.deleteSessionOfUser('u2', 'a')).toBe(false);
    expect(await s.auth.deleteSessionsOfUser('u1', 'b')).toBe(2);
    expect((await s.auth.sessionsOfUser('u1')).map((r) => r.id)).toEqual(['b']);
    expect(await s.auth.deleteSessionOfUser('u1', 'b')).toBe(true);
    expect(await s.auth.sessionsOfUser('u1')).toEqual([]);
    expect((await s.auth.sessionsOfUser('u2')).map((r) => r.id)).toEqual(['x']);
    expect(await s.auth.deleteSessionsOfUser('u2')).toBe(1);
  });

  it('keeps only the newest challenge of a phone open', async () => {
    const s = store();
    await s.auth.createChallenge(challenge('c1', '+8613800000002', 1000));
    await s.auth.createChallenge(challenge('c2', '+8613800000002', 70_000));
    await s.auth.createChallenge(challenge('x1', '+8613800000003', 70_000));
    expect((await s.auth.latestChallenge('+8613800000002'))?.id).toBe('c2');
    const all = await Promise.all(['c1', 'c2', 'x1'].map(async (id) => (await s.auth.spendAttempt(id, 5))?.expires_at));
    expect(all).toEqual([70_000, 370_000, 370_000]);
  });

  it('sweeps challenges older than a cut-off', async () => {
    const s = store();
    await s.auth.createChallenge(challenge('old', '+8613800000002', 1000));
    await s.auth.createChallenge(challenge('new', '+8613800000003', 5000));
    await s.auth.deleteChallengesBefore(5000);
    expect(await s.auth.latestChallenge('+8613800000002')).toBeUndefined();
    expect((await s.auth.latestChallenge('+8613800000003'))?.id).toBe('new');
  });

  it('lets at most maxAttempts of many concurrent tries through, and a used challenge none', async () => {
    const s = store();
    await s.auth.createChallenge(challenge('c1', '+8613800000002', 1000));
    const got = await Promise.all(Array.from({ length: 30 }, () => s.auth.spendAttempt('c1', 5)));
    expect(got.filter(Boolean).map((r) => r!.attempts).sort()).toEqual([1, 2, 3, 4, 5]);
    await s.auth.createChallenge(challenge('c2', '+8613800000002', 2000));
    const uses = await Promise.all(Array.from({ length: 10 }, () => s.auth.useChallenge('c2', 3000)));
    expect(uses.filter(Boolean)).toHaveLength(1);
    expect(await s.auth.spendAttempt('c2', 5)).toBeUndefined();
  });

  it('counts rate events in a window and forgets deleted and old ones', async () => {
    const s = store();
    const a = await s.auth.addRateEvent('k', 100);
    const b = await s.auth.addRateEvent('k', 200);
    await s.auth.addRateEvent('k', 300);
    await s.auth.addRateEvent('other', 300);
    expect(await s.auth.countRateEvents('k', 99)).toBe(3);
    expect(await s.auth.countRateEvents('k', 100)).toBe(2);
    expect(await s.auth.rateEventTimes('k', 0, b)).toEqual([100, 300]);
    await s.auth.deleteRateEvents([a]);
    expect(await s.auth.countRateEvents('k', 0)).toBe(2);
    await s.auth.deleteRateEventsBefore(250);
    expect(await s.auth.countRateEvents('k', 0)).toBe(1);
  });

  it('forgets every event under the given keys and only those (a success resets its failure counts)', async () => {
    const s = store();
    for (const [key, at] of [['phone:a', 100], ['phone:a', 200], ['client:x', 150], ['phone:b', 120]] as const) await s.auth.addRateEvent(key, at);
    await s.auth.deleteRateKeys([]);
    expect(await s.auth.countRateEvents('phone:a', 0)).toBe(2);
    await s.auth.deleteRateKeys(['phone:a', 'client:x', 'never-used']);
    expect(await s.auth.countRateEvents('phone:a', 0)).toBe(0);
    expect(await s.auth.countRateEvents('client:x', 0)).toBe(0);
    expect(await s.auth.countRateEvents('phone:b', 0)).toBe(1);
    // Counting starts afresh under a forgotten key.
    await s.auth.addRateEvent('phone:a', 300);
    expect(await s.auth.countRateEvents('phone:a', 0)).toBe(1);
  });

  it('keeps the SMS outbox newest first, per phone or for all', async () => {
    const s = store();
    await s.devSms.add('+8613800000001', 'one', 1);
    await s.devSms.add('+8613800000002', 'two', 2);
    await s.devSms.add('+8613800000001', 'three', 3);
    expect((await s.devSms.recent('+8613800000001', 10)).map((m) => m.body)).toEqual(['three', 'one']);
    expect((await s.devSms.recent(undefined, 2)).map((m) => m.body)).toEqual(['three', 'two']);
  });
});
