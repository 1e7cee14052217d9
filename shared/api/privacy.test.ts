// The privacy rule, checked on the contract itself: no response a venue manager or an organisation
// admin can reach may carry a name, a phone number or a document number. Endpoints that answer
// only with the caller's own data (`self`) are listed here explicitly, so adding one is a decision.

import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import type { Role } from '../roles.js';
import { reachableBy, type Endpoint } from './contract.js';
import { ALL_ENDPOINTS } from './endpoints.js';
import { notPersonal, personal, personalFields } from './personal.js';
import { accountApi, accountControlApi } from './account.js';
import { ownIdentityApi } from './identity.js';
import { membersApi } from './members.js';
import { recordsApi } from './records.js';
import { residentsApi } from './residents.js';
import { authApi } from './auth.js';
import { deviceKeysApi } from './device-keys.js';
import { gateApi } from './gate.js';
import { statsApi } from './stats.js';
import { venueManagerApi } from './venue-manager.js';
import { venuesApi } from './venues.js';
import { authorityApi, feedsApi } from './authority.js';
import { orgAdminApi } from './orgs.js';
import { declarationsApi } from './declarations.js';

/** Roles that must never see other people's personal data. */
const AGGREGATE_ONLY: readonly Role[] = ['manager', 'org-admin'];

const label = (e: Endpoint) => `${e.method} ${e.path}`;
const isSelf = (e: Endpoint) => 'self' in e.access && e.access.self === true;

function leaks(endpoints: readonly Endpoint[]): string[] {
  return endpoints
    .filter((e) => AGGREGATE_ONLY.some((role) => reachableBy(e.access, role)) && !isSelf(e))
    .flatMap((e) => personalFields(e.response).map((f) => `${label(e)}: ${f.path || '(root)'} (${f.why})`));
}

describe('privacy of manager and organisation-admin responses', () => {
  it('finds no personal field in any response they can reach', () => {
    expect(leaks(ALL_ENDPOINTS)).toEqual([]);
  });

  it('allows personal fields only where the answer is the caller’s own data', () => {
    const self = ALL_ENDPOINTS.filter((e) => AGGREGATE_ONLY.some((role) => reachableBy(e.access, role)) && isSelf(e)).map(label);
    expect(self.sort()).toEqual(['GET /api/me', 'POST /api/auth/otp/verify', 'POST /api/residents/verify', 'POST /api/travellers/link']);
  });

  it('fails when a name field is added to a manager-visible response', () => {
    const managerEndpoint = { ...venuesApi.mine, access: { roles: ['manager'] as const } };
    expect(leaks([managerEndpoint])).toEqual([]);
    const withName = { ...managerEndpoint, response: v.strictObject({ venues: v.array(v.strictObject({ id: v.string(), name: v.string() })), name: v.string() }) };
    expect(leaks([withName])).toEqual(['GET /api/venues: venues[].name (name)', 'GET /api/venues: name (name)']);
    // Declaring a name not personal is possible, but only by saying so in the schema.
    const declared = { ...managerEndpoint, response: v.strictObject({ name: notPersonal(v.string(), 'a venue') }) };
    expect(leaks([declared])).toEqual([]);
  });

  it('fails when a field marked personal is added under any name, however deep', () => {
    const marked = {
      ...venuesApi.mine,
      access: { roles: ['org-admin'] as const },
      response: v.strictObject({ rows: v.array(v.strictObject({ who: v.optional(v.nullable(personal(v.string()))) })) }),
    };
    expect(leaks([marked])).toEqual(['GET /api/venues: rows[].who (marked)']);
  });

  it('sees through unions and variants', () => {
    const union = {
      ...venuesApi.mine,
      access: { public: true } as const,
      response: v.variant('k', [v.strictObject({ k: v.literal('a'), phone: v.string() }), v.strictObject({ k: v.literal('b') })]),
    };
    expect(leaks([union])).toEqual(['GET /api/venues: phone (name)']);
  });

  it('keeps the live-code endpoints apart from managers, and their answers free of personal fields', () => {
    expect(AGGREGATE_ONLY.some((role) => reachableBy(deviceKeysApi.register.access, role))).toBe(false);
    // A manager can work at a gate too (as an inspector): the gate's policy holds nothing personal.
    for (const e of [deviceKeysApi.register, gateApi.policy]) expect(personalFields(e.response), label(e)).toEqual([]);
  });

  it('covers the venue manager routes: reachable by managers, none of them self, nothing personal', () => {
    for (const e of Object.values(venueManagerApi)) {
      expect(reachableBy(e.access, 'manager'), label(e)).toBe(true);
      expect(isSelf(e), label(e)).toBe(false);
      expect(personalFields(e.response), label(e)).toEqual([]);
    }
    // The venue's contact phone reaches its manager only masked, and says so in its schema.
    expect(personalFields(v.strictObject({ phone: v.string() }))).toEqual([{ path: 'phone', why: 'name' }]);
  });

  it('keeps the device-session answers free of personal fields (every role may call them)', () => {
    for (const e of [accountApi.sessions, accountApi.endOtherSessions, accountApi.endSession, accountApi.forgetSession]) {
      expect(personalFields(e.response), label(e)).toEqual([]);
    }
  });

  it('walks the venue statistics: managers reach them, and they carry no personal field', () => {
    for (const e of Object.values(statsApi)) {
      expect(reachableBy(e.access, 'manager'), label(e)).toBe(true);
      expect(isSelf(e), label(e)).toBe(false);
      expect(ALL_ENDPOINTS, label(e)).toContain(e);
      expect(personalFields(e.response), label(e)).toEqual([]);
    }
  });

  it('keeps records, export, phone and deletion endpoints away from managers and organisation admins', () => {
    for (const e of [...Object.values(recordsApi), ...Object.values(accountControlApi)] as Endpoint[]) {
      expect(AGGREGATE_ONLY.some((role) => reachableBy(e.access, role)), label(e)).toBe(false);
    }
  });

  it('keeps the identity and member routes to holders, answering only about their own people', () => {
    for (const e of [...Object.values(ownIdentityApi), ...Object.values(membersApi)] as Endpoint[]) {
      expect((['inspector', 'manager', 'org-admin', 'admin'] as const).filter((role) => reachableBy(e.access, role)), label(e)).toEqual([]);
    }
    // Binding one's own identity answers with one's own masked name, marked personal, for the owner.
    expect(isSelf(ownIdentityApi.bindIdentity)).toBe(true);
    expect(new Set(personalFields(ownIdentityApi.bindIdentity.response).map((f) => f.path))).toEqual(new Set(['user.maskedName']));
  });

  it('keeps the authority console to admins, and the public feed routes free of personal fields', () => {
    for (const e of Object.values(authorityApi) as Endpoint[]) {
      expect((['holder', 'inspector', 'manager', 'org-admin'] as const).filter((role) => reachableBy(e.access, role)), label(e)).toEqual([]);
    }
    // The lookup answers with a person's name and document number: marked, and for admins only.
    expect(new Set(personalFields(authorityApi.lookup.response).map((f) => f.path))).toEqual(new Set(['person.name', 'person.documentNumber']));
    for (const e of Object.values(feedsApi) as Endpoint[]) expect(personalFields(e.response), label(e)).toEqual([]);
  });

  it('covers the organisation admin routes: org-admins only, none of them self, nothing personal (members by label and tag)', () => {
    for (const e of Object.values(orgAdminApi) as Endpoint[]) {
      expect((['holder', 'inspector', 'manager', 'admin'] as const).filter((role) => reachableBy(e.access, role)), label(e)).toEqual([]);
      expect(reachableBy(e.access, 'org-admin'), label(e)).toBe(true);
      expect(isSelf(e), label(e)).toBe(false);
      expect(ALL_ENDPOINTS, label(e)).toContain(e);
      expect(personalFields(e.response), label(e)).toEqual([]);
    }
  });

  it('lets a resident’s sign-up answer only with the account just signed in to, and its first step with nothing personal', () => {
    expect(personalFields(residentsApi.signUp.response)).toEqual([]);
    expect(isSelf(residentsApi.verify)).toBe(true);
    expect(residentsApi.verify.response).toBe(authApi.otpVerify.response);
  });

  it('keeps a holder’s memberships and declarations to the holder', () => {
    for (const e of Object.values(declarationsApi) as Endpoint[]) {
      expect((['inspector', 'manager', 'org-admin', 'admin'] as const).filter((role) => reachableBy(e.access, role)), label(e)).toEqual([]);
      expect(ALL_ENDPOINTS, label(e)).toContain(e);
    }
  });

  it('lets only holders act for a family member (a guardian for a child): every route naming a member is theirs alone', () => {
    /** The fields of an object schema, also inside a pipe (a body with checks across fields). */
    const fields = (schema: v.GenericSchema | undefined): string[] => {
      const s = schema as { entries?: object; pipe?: v.GenericSchema[] } | undefined;
      if (s?.entries) return Object.keys(s.entries);
      return s?.pipe?.[0] ? fields(s.pipe[0]) : [];
    };
    const naming = ALL_ENDPOINTS.filter((e) => [...fields(e.body), ...fields(e.query)].some((f) => f === 'memberId' || f === 'member'));
    expect(naming.map(label).sort()).toEqual(['DELETE /api/me/orgs/:id', 'GET /api/me/declarations', 'POST /api/me/declarations', 'POST /api/me/orgs']);
    for (const e of naming) expect((['inspector', 'manager', 'org-admin', 'admin'] as const).filter((role) => reachableBy(e.access, role)), label(e)).toEqual([]);
  });
});
