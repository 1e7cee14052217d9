import { expect, it } from 'vitest';
import { identityFacts } from '../../shared/documents.js';
import { describeStores } from '../testing/stores.js';
import { DEMO_ACCOUNTS, demoSignInHelp, SeedService } from './seed.js';
import { TestClock, TEST_ACTOR } from '../testing/server.js';

describeStores('demo seed', (store) => {
  it('creates the demo venue and accounts once, and nothing the second time', async () => {
    const s = store();
    const seed = new SeedService(s, new TestClock().now);
    expect(await seed.isEmpty()).toBe(true);
    expect(await seed.seed(TEST_ACTOR)).toEqual({ created: 10, existing: 0 });
    expect(await seed.seed(TEST_ACTOR)).toEqual({ created: 0, existing: 10 });
    expect(await seed.isEmpty()).toBe(false);
    expect(await s.venues.getVenue('venue-demo')).toMatchObject({ name: '示范商场 Demo Mall', manager_user_id: 'demo-manager', area_code: '440103001' });
    expect((await s.venues.getVenue('venue-demo'))?.declaration_code).toMatch(/^HGV1:/);
    expect((await s.accounts.usersByPhone('+8613800000040')).map((u) => u.role)).toEqual(['manager']);
    expect(await s.venues.venueOfManager('demo-manager-new')).toBeUndefined();
    // A resident without a person yet, whose ID card the registry knows: to try binding it.
    expect((await s.accounts.usersByPhone('+8613800000050')).map((u) => [u.role, u.person_id])).toEqual([['holder', null]]);
    expect(await s.registry.byDocument('mainland-id', '440106199007120029')).toMatchObject([{ name: '王芳' }]);
    expect(await s.stats.venueOfManager('demo-manager')).toBe('venue-demo');
    expect((await s.venues.venuesOfInspector('demo-inspector')).map((v) => v.id)).toEqual(['venue-demo']);
    const roles = await Promise.all(['+8613800000001', '+8613800000002', '+8613800000003', '+8613800000004', '+8613800000005'].map(async (p) => (await s.accounts.usersByPhone(p)).map((u) => u.role)));
    expect(roles).toEqual([['inspector'], ['holder'], ['holder'], ['manager'], ['admin']]);
    const zhang = await s.people.getPerson((await s.accounts.usersByPhone('+8613800000002'))[0]!.person_id!);
    const li = await s.people.getPerson((await s.accounts.usersByPhone('+8613800000003'))[0]!.person_id!);
    expect(zhang).toMatchObject({ name: '张小明', status: 'green' });
    expect(li).toMatchObject({ name: '李红', status: 'red', reason: 'close-contact' });
    expect(Buffer.from(zhang!.sub, 'base64url')).toHaveLength(8);
    // The demo school: its admin, three members, and today's declarations (李红's second supersedes her first).
    expect(await s.orgs.ofAdmin('demo-org-admin')).toMatchObject({ name: '示范中学 Demo School', join_code: expect.stringMatching(/^HGO1:/) });
    expect(await s.orgs.ofAdmin('demo-org-admin-new')).toBeUndefined();
    expect((await s.orgs.members('org-00000000-0000-4000-8000-000000000001')).map((m) => m.label)).toEqual(['T-2023-017', 'T-2023-018', 'T-2023-021']);
    expect((await s.orgs.declarationsOf('demo-li')).map((d) => d.id)).toEqual(['demo-decl-li-2', 'demo-decl-li-1']);
  });

  it('adds extra green holders demo-holder-1..N with phones +86139000000NN', async () => {
    const s = store();
    const seed = new SeedService(s);
    await seed.seed(TEST_ACTOR, { extraHolders: 12 });
    expect(await seed.seed(TEST_ACTOR, { extraHolders: 13 })).toEqual({ created: 1, existing: 22 });
    expect(await s.people.getPerson('demo-holder-13')).toMatchObject({ status: 'green' });
    expect((await s.accounts.usersByPhone('+8613900000012'))[0]).toMatchObject({ role: 'holder', person_id: 'demo-holder-12' });
    await expect(seed.seed(TEST_ACTOR, { extraHolders: -1 })).rejects.toThrow('--extra-holders');
    // Each with a well-formed mainland ID number, so venue statistics have sexes and ages to count.
    for (let i = 1; i <= 13; i++) {
      const doc = (await s.people.getPerson(`demo-holder-${i}`))!.document_no!;
      expect(identityFacts('mainland-id', doc)?.sex, doc).toBe(i % 2 === 1 ? 'male' : 'female');
    }
  });

  it('tells how to sign in as every demo role', () => {
    const help = demoSignInHelp('http://localhost:8787', true);
    for (const a of DEMO_ACCOUNTS) expect(help).toContain(a.phone);
    expect(help).toContain('/api/dev/sms');
    expect(demoSignInHelp('http://localhost:8787', false)).not.toContain('/api/dev/sms');
  });
});
