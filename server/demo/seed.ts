// Demo data for trying the app and for e2e tests: one venue, an inspector bound to it, a green
// and a red holder, a manager and an admin, plus any number of extra green holders. Idempotent:
// whatever already exists is left as it is, so running it twice changes nothing.

import { randomBytes, toBase64Url } from '../../shared/bytes.js';
import { mainlandIdCheckChar } from '../../shared/documents.js';
import type { Role } from '../../shared/roles.js';
import { record } from '../audit/log.js';
import type { Actor } from '../auth/actor.js';
import type { Store } from '../store/store.js';
import { newDeclarationCode, newJoinCode } from '../registration/codes.js';
import { DEFAULT_TIME_ZONE, localDay } from '../../shared/time.js';

/** How long before the seed the demo inspector's binding begins: the oldest capture a merge takes (7 days). */
const DEMO_BOUND_BEFORE_MS = 7 * 24 * 3600_000;

export const DEMO_VENUE = {
  id: 'venue-demo',
  name: '示范商场 Demo Mall',
  area_code: '440103001',
  address: '沙面北街 1 号',
  venue_type: 'retail',
  manager_user_id: 'demo-manager',
  contact_phone: '+8613800000004',
} as const;

/**
 * Identity-registry rows for trying travellers and families: as an entry manifest lists them
 * (registry name form, canonical numbers). 张小明's own ID card is among them.
 */
export const DEMO_REGISTRY = [
  { name: '张小明', document_type: 'mainland-id', document_number: '440103198805201233', country: 'CN' },
  { name: '张小宝', document_type: 'mainland-id', document_number: '440103201806150022', country: 'CN' },
  { name: '张建国', document_type: 'mainland-id', document_number: '44010319550301456X', country: 'CN' },
  // A resident who signs in by phone and binds her ID card on first use (demo-holder-new).
  { name: '王芳', document_type: 'mainland-id', document_number: '440106199007120029', country: 'CN' },
  { name: '陈小文', document_type: 'hk-macau-permit', document_number: 'H12345678', country: 'HK' },
  { name: 'MARTIN JEAN PAUL', document_type: 'passport', document_number: '18AV12345', country: 'FR' },
  { name: 'MARTIN CLAIRE', document_type: 'passport', document_number: '19CD67890', country: 'FR' },
  { name: 'LEE SMITH ANNA MARIE', document_type: 'passport', document_number: 'E12345678', country: 'GB' },
] as const;

export interface DemoAccount {
  userId: string;
  phone: string;
  role: Role;
  person?: { id: string; name: string; status: 'green' | 'red'; reason: string; documentNo?: string; document?: { type: string; number: string } };
}

export const DEMO_ACCOUNTS: readonly DemoAccount[] = [
  { userId: 'demo-inspector', phone: '+8613800000001', role: 'inspector' },
  { userId: 'demo-holder-green', phone: '+8613800000002', role: 'holder', person: { id: 'demo-zhang', name: '张小明', status: 'green', reason: 'none', document: { type: 'mainland-id', number: '440103198805201233' } } },
  { userId: 'demo-holder-red', phone: '+8613800000003', role: 'holder', person: { id: 'demo-li', name: '李红', status: 'red', reason: 'close-contact' } },
  { userId: 'demo-manager', phone: '+8613800000004', role: 'manager' },
  { userId: 'demo-admin', phone: '+8613800000005', role: 'admin' },
  // A manager with no venue yet: to try registering one.
  { userId: 'demo-manager-new', phone: '+8613800000040', role: 'manager' },
  // A resident who signed in by phone and has not bound her ID card yet (王芳, in the registry).
  { userId: 'demo-holder-new', phone: '+8613800000050', role: 'holder' },
  // The demo organisation's admin, one with no organisation yet, and a third member of the organisation.
  { userId: 'demo-org-admin', phone: '+8613800000006', role: 'org-admin' },
  { userId: 'demo-org-admin-new', phone: '+8613800000060', role: 'org-admin' },
  { userId: 'demo-holder-liu', phone: '+8613800000062', role: 'holder', person: { id: 'demo-liu', name: '刘洋', status: 'green', reason: 'none' } },
];

/** The demo organisation (a school), administered by demo-org-admin; its members are the demo holders. */
export const DEMO_ORG = {
  id: 'org-00000000-0000-4000-8000-000000000001',
  name: '示范中学 Demo School',
  kind: 'school',
  area_code: '440103',
  admin_user_id: 'demo-org-admin',
  admin_phone: '+8613800000006',
} as const;

/** Extra holder i (1-based): person demo-holder-i, phone +86139000000NN for i ≤ 99. */
export function extraHolder(i: number): DemoAccount {
  return {
    userId: `demo-holder-${i}-account`,
    phone: `+86139${String(i).padStart(8, '0')}`,
    role: 'holder',
    person: { id: `demo-holder-${i}`, name: `示范用户${i}`, status: 'green', reason: 'none', documentNo: demoMainlandId(i) },
  };
}

/**
 * A made-up but well-formed mainland ID number for extra holder i (region 440103, born 1950–2009,
 * odd i male), so venue statistics have sexes and ages to count.
 */
export function demoMainlandId(i: number): string {
  const birth = `${1950 + ((i * 7) % 60)}${String((i % 12) + 1).padStart(2, '0')}${String((i % 28) + 1).padStart(2, '0')}`;
  const first17 = `440103${birth}${String(Math.floor(i / 2) % 100).padStart(2, '0')}${i % 2 === 1 ? 1 : 2}`;
  return first17 + mainlandIdCheckChar(first17);
}

export interface SeedReport {
  created: number;
  existing: number;
}

export class SeedService {
  constructor(
    private readonly store: Store,
    private readonly now: () => number = Date.now,
  ) {}

  async isEmpty(): Promise<boolean> {
    return (await this.store.accounts.countUsers()) === 0;
  }

  async seed(actor: Actor, options: { extraHolders?: number } = {}): Promise<SeedReport> {
    const extra = options.extraHolders ?? 0;
    if (!Number.isInteger(extra) || extra < 0 || extra > 100_000) throw new Error('--extra-holders must be a whole number from 0 to 100000');
    const accounts = [...DEMO_ACCOUNTS, ...Array.from({ length: extra }, (_, i) => extraHolder(i + 1))];
    const at = this.now();
    return this.store.transaction(async (tx) => {
      const report: SeedReport = { created: 0, existing: 0 };
      if (!(await tx.venues.getVenue(DEMO_VENUE.id))) await tx.venues.createVenue({ ...DEMO_VENUE, declaration_code: newDeclarationCode(), created_at: at });
      await tx.registry.upsert(DEMO_REGISTRY.map((r) => ({ ...r, imported_at: at })));
      for (const a of accounts) {
        if (await tx.accounts.getUser(a.userId)) {
          report.existing++;
          continue;
        }
        if (a.person && !(await tx.people.getPerson(a.person.id))) {
          await tx.people.createPerson({
            id: a.person.id,
            sub: toBase64Url(randomBytes(8)),
            name: a.person.name,
            // Extra holders' made-up numbers may repeat across 100,000 of them: no type, so the one-person-per-document index leaves them be.
            document_type: a.person.document?.type ?? null,
            document_no: a.person.document?.number ?? a.person.documentNo ?? null,
            status: a.person.status,
            reason: a.person.reason,
            status_changed_at: at,
            created_at: at,
          });
        }
        await tx.accounts.createUser({ id: a.userId, phone: a.phone, role: a.role, person_id: a.person?.id ?? null, created_at: at });
        if (a.person) await seedRecords(tx, a.person.id, at);
        // Bound since a week before the seed: records are counted only when captured while bound, and
        // a demo gate may sync checks made (or dated, in tests) shortly before the demo data was made.
        if (a.role === 'inspector') await tx.venues.bindInspector(a.userId, DEMO_VENUE.id, at - DEMO_BOUND_BEFORE_MS);
        report.created++;
      }
      // The demo manager manages the demo venue (venue registration will make this link itself).
      const venue = await tx.venues.getVenue(DEMO_VENUE.id);
      if (venue && venue.manager_user_id === null && (await tx.accounts.getUser('demo-manager'))) await tx.stats.setVenueManager(DEMO_VENUE.id, 'demo-manager');
      await seedOrganisation(tx, at);
      if (report.created > 0) await record(tx, { at, actor, action: 'demo.seed', targetId: 'demo', detail: { created: report.created } });
      return report;
    });
  }
}

const HOUR = 3_600_000;

/** Example health records for the demo holders' records page (ids fixed, so seeding twice adds nothing). */
async function seedRecords(tx: Store, personId: string, at: number): Promise<void> {
  const r = tx.holderRecords;
  if (personId === 'demo-zhang') {
    await r.addTestResult({ id: 'demo-zhang-t1', person_id: personId, kind: 'nucleic-acid', result: 'negative', institution: '广州市第一人民医院', sampled_at: at - 30 * HOUR, reported_at: at - 22 * HOUR });
    await r.addTestResult({ id: 'demo-zhang-t2', person_id: personId, kind: 'antibody', result: 'negative', institution: '广州金域医学检验中心', sampled_at: at - 80 * HOUR, reported_at: at - 70 * HOUR });
    await r.addHealthNotice({ id: 'demo-zhang-n1', person_id: personId, kind: 'health-certificate', state: 'valid', issuer: '广州市卫生健康委员会', issued_at: at - 48 * HOUR, valid_until: at + 14 * 24 * HOUR });
    await r.addHealthNotice({ id: 'demo-zhang-n2', person_id: personId, kind: 'observation-release', state: 'released', issuer: '天河区疾病预防控制中心', issued_at: at - 24 * 24 * HOUR, valid_until: null });
    await r.addEntryRecord({ id: 'demo-zhang-e1', person_id: personId, country: 'SG', document_type: 'passport', document_number: 'E12345678', entry_date: new Date(at - 38 * 24 * HOUR).toISOString().slice(0, 10), port: '广州白云国际机场', transport: 'air', transport_detail: 'CZ352' });
  }
  if (personId === 'demo-li') {
    await r.addTestResult({ id: 'demo-li-t1', person_id: personId, kind: 'nucleic-acid', result: 'negative', institution: '广州市第八人民医院', sampled_at: at - 20 * HOUR, reported_at: at - 12 * HOUR });
  }
}

/**
 * The demo school, its three members (by the labels they gave) and their declarations: 张小明 today
 * without symptoms, 李红 twice today (the second, with a cough and 37.6 °C, supersedes the first),
 * 刘洋 only yesterday — so the admin's page has someone who has not declared today.
 */
async function seedOrganisation(tx: Store, at: number): Promise<void> {
  if (await tx.orgs.get(DEMO_ORG.id)) return;
  if (!(await tx.accounts.getUser(DEMO_ORG.admin_user_id))) return;
  await tx.orgs.create({ ...DEMO_ORG, join_code: newJoinCode(), time_zone: DEFAULT_TIME_ZONE, created_at: at, edited_at: null });
  const members = [
    { person: 'demo-zhang', user: 'demo-holder-green', label: 'T-2023-017' },
    { person: 'demo-li', user: 'demo-holder-red', label: 'T-2023-018' },
    { person: 'demo-liu', user: 'demo-holder-liu', label: 'T-2023-021' },
  ];
  for (const [i, m] of members.entries()) {
    if (!(await tx.people.getPerson(m.person))) continue;
    await tx.orgs.addMember({ org_id: DEMO_ORG.id, person_id: m.person, user_id: m.user, label: m.label, joined_at: at - (30 - i) * 24 * HOUR });
  }
  const declare = (id: string, person: string, user: string, ago: number, symptoms: string[], temperature: number) =>
    tx.orgs.addDeclaration({
      id,
      person_id: person,
      user_id: user,
      org_id: DEMO_ORG.id,
      day: localDay(at - ago, DEFAULT_TIME_ZONE),
      declared_at: at - ago,
      received_at: at - ago,
      symptoms: symptoms.join(','),
      temperature,
      travel: 0,
      travel_where: '',
      key_contact: 0,
    });
  // Minutes ago, so they fall on the seed's day whatever its hour.
  await declare('demo-decl-zhang-1', 'demo-zhang', 'demo-holder-green', 3 * 60_000, [], 36.4);
  await declare('demo-decl-li-1', 'demo-li', 'demo-holder-red', 2 * 60_000, [], 36.8);
  await declare('demo-decl-li-2', 'demo-li', 'demo-holder-red', 60_000, ['cough', 'fatigue'], 37.6);
  await declare('demo-decl-liu-1', 'demo-liu', 'demo-holder-liu', 24 * HOUR, [], 36.5);
}

/** What `serve --seed-if-empty` prints: how to sign in as each demo role. */
export function demoSignInHelp(url: string, devSms: boolean): string {
  const where = devSms ? `in this log and at ${url}/api/dev/sms?phone=<number>` : 'in this log';
  return [
    `Demo accounts: sign in at ${url} with one of these numbers; the SMS code is shown ${where}.`,
    ...DEMO_ACCOUNTS.map((a) => `  ${a.role.padEnd(9)} ${a.phone}${a.person ? `  ${a.person.name} (${a.person.status})` : ''}`),
  ].join('\n');
}
