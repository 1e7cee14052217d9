// A holder's records in one answer, and the code displays their phones report. Sex and age band
// come from the identity (a mainland ID number carries birth date and sex), computed here for the
// owner only; venue statistics derive their own at merge time from the same shared rules.

import { RED_REASONS, type RedReason } from '../../shared/code/claims.js';
import { CODE_DISPLAY_DAYS, type CodeDisplayReport, type PersonRecords } from '../../shared/api/records.js';
import { ageBand, identityFacts, type AgeBand, type Sex } from '../../shared/documents.js';
import { NoCodeError } from '../../shared/errors.js';
import type { TestKind, TestResult } from '../../shared/feeds.js';
import { maskName } from '../../shared/names.js';
import type { UserActor } from '../auth/actor.js';
import { nationalView } from '../authority/rules.js';
import type { MemberService } from '../holders/members.js';
import type { PersonRow } from '../store/people.js';
import type { Store } from '../store/store.js';
import { declarationsOfPerson } from '../orgs/declarations.js';

const DAY = 86_400_000;
/** Temperature checks listed on the page (the export holds them all). */
export const TEMPERATURE_CHECKS_SHOWN = 100;

export interface Demographics {
  sex: Sex | null;
  ageBand: AgeBand | null;
}

/** Sex and age band of a person on a given day, from their document; nulls when it does not say. */
export function demographicsOf(person: Pick<PersonRow, 'document_no'>, at: number): Demographics {
  const facts = person.document_no ? identityFacts('mainland-id', person.document_no, { now: new Date(at) }) : undefined;
  return facts ? { sex: facts.sex, ageBand: ageBand(facts.birthDate, new Date(at)) } : { sex: null, ageBand: null };
}

export class RecordsService {
  private reports = 0;

  constructor(
    private readonly store: Store,
    private readonly members: Pick<MemberService, 'memberOf'>,
    private readonly now: () => number = Date.now,
  ) {}

  private async personOf(actor: UserActor): Promise<PersonRow> {
    const person = actor.personId ? await this.store.people.getPerson(actor.personId) : undefined;
    if (!person) throw new NoCodeError();
    return person;
  }

  async mine(actor: UserActor, checksLimit = TEMPERATURE_CHECKS_SHOWN): Promise<PersonRecords> {
    const person = await this.personOf(actor);
    return this.recordsOf(person, checksLimit);
  }

  async recordsOf(person: PersonRow, checksLimit: number): Promise<PersonRecords> {
    const now = this.now();
    const r = this.store.holderRecords;
    const [tests, feedTests, entries, notices, checks, displays, declarations] = await Promise.all([
      r.testsOf(person.id),
      // The authority's results for the person's document: the facts their status is decided from.
      person.document_no ? this.store.status.testResultsOf(person.document_no) : [],
      r.entriesOf(person.id),
      r.noticesOf(person.id),
      r.temperatureChecksOf(person.sub, checksLimit),
      r.displaysOf(person.id, now - CODE_DISPLAY_DAYS * DAY),
      declarationsOfPerson(this.store, person.id),
    ]);
    return {
      personId: person.id,
      maskedName: maskName(person.name),
      status: person.status,
      reason: person.status === 'red' && (RED_REASONS as readonly string[]).includes(person.reason) ? (person.reason as RedReason) : 'none',
      national: nationalView(person, now),
      ...demographicsOf(person, now),
      tests: [
        ...tests.map((t) => ({ id: t.id, kind: t.kind, result: t.result, institution: t.institution, sampledAt: t.sampled_at, reportedAt: t.reported_at })),
        ...feedTests.map((t) => ({
          id: `feed-${t.id}`,
          kind: t.test_kind as TestKind,
          result: t.result as TestResult,
          institution: t.institution,
          sampledAt: t.sampled_at,
          reportedAt: t.reported_at,
          source: 'authority' as const,
        })),
      ].sort((a, b) => b.sampledAt - a.sampledAt),
      entries: entries.map((e) => ({
        id: e.id,
        country: e.country,
        documentType: e.document_type as PersonRecords['entries'][number]['documentType'],
        documentNumber: e.document_number,
        entryDate: e.entry_date,
        port: e.port,
        transport: e.transport,
        transportDetail: e.transport_detail,
      })),
      notices: notices.map((n) => ({ id: n.id, kind: n.kind, state: n.state, issuer: n.issuer, issuedAt: n.issued_at, validUntil: n.valid_until })),
      temperatureChecks: checks.map((c) => ({ at: c.captured_at, venueName: c.venue_name, temperature: c.temperature, fever: c.temperature >= c.fever_threshold })),
      codeDisplays: displays.map((d) => ({ shownAt: d.shown_at, status: d.status, offline: d.offline === 1, reportedAt: d.reported_at })),
      declarations,
      generatedAt: now,
    };
  }

  /** A family member's records, for an account that looks after them (NotFoundError for anyone else). */
  async ofMember(actor: UserActor, personId: string, checksLimit = TEMPERATURE_CHECKS_SHOWN): Promise<PersonRecords> {
    const { person } = await this.members.memberOf(actor, personId);
    return this.recordsOf(person, checksLimit);
  }

  /**
   * Stores the displays a phone reports (each once, by its id); older than 3 days are not kept. A
   * display names whose code it was: the account's own person, or a member it looks after — one of
   * anyone else (a member removed since, or a made-up id) is refused, counted, and not stored.
   */
  async reportDisplays(actor: UserActor, report: CodeDisplayReport): Promise<{ stored: number; refused: number }> {
    const own = await this.personOf(actor);
    const now = this.now();
    const since = now - CODE_DISPLAY_DAYS * DAY;
    const named = new Set(report.displays.map((d) => d.personId).filter((id): id is string => id !== undefined && id !== own.id));
    const wards = named.size === 0 ? [] : await this.store.holders.wardsOf(actor.id);
    const allowed = new Set([own.id, ...wards.map((w) => w.id)]);
    const theirs = report.displays.filter((d) => allowed.has(d.personId ?? own.id));
    const refused = report.displays.length - theirs.length;
    const rows = theirs
      // Too old to keep, or from a phone whose clock is far ahead: neither is a display to list.
      .filter((d) => d.shownAt >= since && d.shownAt <= now + DAY)
      .map((d) => ({ id: d.id, user_id: actor.id, person_id: d.personId ?? own.id, shown_at: d.shownAt, status: d.status, offline: d.offline ? 1 : 0, reported_at: now }));
    const stored = await this.store.holderRecords.addCodeDisplays(rows);
    if (++this.reports % 100 === 0) await this.store.holderRecords.deleteDisplaysBefore(since);
    return { stored, refused };
  }
}
