// Organisation routes: an admin's own organisation (/api/org…: register, weekly edit, members, a
// day's declarations and its files) and a holder's memberships and declarations (/api/me/orgs…,
// /api/me/declarations). Thin: the rules are in the services.

import * as v from 'valibot';
import { declarationsApi } from '../../shared/api/declarations.js';
import { MemberTagSchema, orgAdminApi } from '../../shared/api/orgs.js';
import { NotFoundError } from '../../shared/errors.js';
import { contentDisposition } from '../exports/content-disposition.js';
import type { ApiRouter } from '../http/route.js';
import type { OrgServices } from './service.js';

export function orgRoutes(api: ApiRouter, orgs: OrgServices): void {
  const admin = orgs.admin;
  api.on(orgAdminApi.get, async ({ actor }) => ({ org: await admin.orgOf(actor) }));
  api.on(orgAdminApi.register, async ({ actor, body }) => ({ org: await admin.register(actor, body) }));
  api.on(orgAdminApi.edit, async ({ actor, body }) => ({ org: await admin.edit(actor, body) }));
  api.on(orgAdminApi.members, async ({ actor }) => ({ members: await admin.members(actor) }));
  api.on(orgAdminApi.removeMember, async ({ actor, params }) => {
    if (!v.is(MemberTagSchema, params.tag)) throw new NotFoundError('No member with this tag is in your organisation.');
    await admin.removeMember(actor, params.tag);
    return { ok: true as const };
  });
  api.on(orgAdminApi.day, async ({ actor, query }) => admin.day(actor, query.day));
  for (const [endpoint, format] of [[orgAdminApi.exportCsv, 'csv'], [orgAdminApi.exportXlsx, 'xlsx']] as const) {
    api.on(endpoint, async ({ actor, query, c }) => {
      const file = await orgs.exports.declarations(actor, query.day, format, query.lang ?? 'zh-CN');
      c.header('Content-Type', file.contentType);
      c.header('Content-Disposition', contentDisposition(file.fileName));
      c.header('Cache-Control', 'no-store');
      return c.body(file.body);
    });
  }

  const mine = orgs.declarations;
  api.on(declarationsApi.mine, async ({ actor, query }) => mine.mine(actor, query.member));
  api.on(declarationsApi.join, async ({ actor, body }) => ({ membership: await mine.join(actor, body.joinCode, body.label, body.memberId) }));
  api.on(declarationsApi.leave, async ({ actor, params, query }) => {
    await mine.leave(actor, params.id ?? '', query.member);
    return { ok: true as const };
  });
  api.on(declarationsApi.declare, async ({ actor, body }) => mine.declare(actor, body), { maxBytes: 8 * 1024 });
}
