// The organisation side's services in one bundle for the app: the admin's organisation and table,
// its files, and a holder's memberships and declarations.

import type { MemberService } from '../holders/members.js';
import type { Store } from '../store/store.js';
import { OrgManagement } from './admin.js';
import { DeclarationService } from './declarations.js';
import { OrgExport } from './export.js';

export interface OrgServices {
  admin: OrgManagement;
  exports: OrgExport;
  declarations: DeclarationService;
}

/** `members` says whom an account looks after: a guardian joins and declares for them. */
export function orgServices(store: Store, members: Pick<MemberService, 'memberOf'>, now: () => number): OrgServices {
  const admin = new OrgManagement(store, now);
  return { admin, exports: new OrgExport(store, admin, now), declarations: new DeclarationService(store, members, now) };
}
