// Travellers' sign-up and return link, residents' sign-up, and the members an account looks after with their codes.
// The link's page posts "continue" (openLink); a GET of the link only serves the PWA.

import { ownIdentityApi } from '../../shared/api/identity.js';
import { membersApi } from '../../shared/api/members.js';
import { maskName } from '../../shared/names.js';
import { residentsApi } from '../../shared/api/residents.js';
import { travellersApi } from '../../shared/api/travellers.js';
import { startSession } from '../auth/routes.js';
import type { SessionService } from '../auth/sessions.js';
import { clientIp } from '../http/security.js';
import type { ApiRouter } from '../http/route.js';
import type { CodeService } from '../people/codes.js';
import type { DeviceKeyService } from '../people/device-keys.js';
import type { MemberService } from './members.js';
import type { PrintedCodeService } from './printed.js';
import { memberKind } from './members.js';
import type { ResidentService } from './residents.js';
import type { TravellerService } from './travellers.js';

export interface HolderRouteOptions {
  trustProxy: boolean | number;
  /** Secure session cookies (production), for a resident signed in by their sign-up. */
  secureCookies: boolean;
}

export function holderRoutes(
  api: ApiRouter,
  services: { travellers: TravellerService; residents: ResidentService; sessions: SessionService; members: MemberService; printed: PrintedCodeService; codes: CodeService; deviceKeys: DeviceKeyService },
  options: HolderRouteOptions,
): void {
  const { travellers, residents, sessions, members, printed, codes, deviceKeys } = services;

  api.on(residentsApi.signUp, async ({ body, c }) => residents.signUp(body, clientIp(c, options.trustProxy)));

  api.on(residentsApi.verify, async ({ body, c }) => {
    const phone = await residents.verify(body, clientIp(c, options.trustProxy));
    // The resident's own account, even on a phone that also holds a staff one (which a sign-in by
    // phone alone would open): they signed up for their code.
    return startSession(c, sessions, phone, body.remember, options.secureCookies, 'holder');
  });

  api.on(travellersApi.signUp, async ({ body, c }) => {
    // The link points back at the site the form was filled on (rejectCrossSite has checked the Origin).
    const base = c.req.header('origin') ?? new URL(c.req.url).origin;
    await travellers.signUp(body, clientIp(c, options.trustProxy), base);
    return { sent: true as const };
  });

  api.on(travellersApi.openLink, async ({ body, c }) => travellers.openLink(body.token, clientIp(c, options.trustProxy)));

  api.on(ownIdentityApi.bindIdentity, async ({ actor, body }) => {
    const person = await members.bindOwn(actor, body);
    return { user: { id: actor.id, role: actor.role, maskedName: maskName(person.name) } };
  });

  api.on(membersApi.members, async ({ actor }) => ({ members: await members.list(actor) }));

  api.on(membersApi.addMember, async ({ actor, body }) => ({ member: await members.add(actor, body) }));

  api.on(membersApi.removeMember, async ({ actor, params }) => {
    await members.remove(actor, params.id!);
    return { ok: true };
  });

  api.on(membersApi.memberCode, async ({ actor, params, query, c }) => {
    c.header('Cache-Control', 'no-store');
    const { person, relation } = await members.memberOf(actor, params.id!);
    const cnf = query.deviceKey ? await deviceKeys.cnfFor(actor, query.deviceKey) : undefined;
    return codes.codeFor(person.id, { cnf, kind: memberKind(relation, person) });
  });

  api.on(membersApi.printCode, async ({ actor, params, c }) => {
    c.header('Cache-Control', 'no-store');
    return printed.print(actor, params.id!);
  });
}
