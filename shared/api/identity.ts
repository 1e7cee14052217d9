// A resident binds their own account to their identity (issue 7 §2): a holder who signed in by phone
// and has no person yet gives a mainland ID card or a Home Return Permit, checked against the
// registry as every typed identity is. Its own file so the code page's chunk does not carry it.

import { MeResponseSchema } from './auth.js';
import { endpoint } from './contract.js';
import { IdentityBodySchema } from './members.js';

export const ownIdentityApi = {
  /**
   * Binds the signed-in holder's account to the person this document is (made if the registry
   * knows them and nobody has them yet; a family member someone added is that same person). Refused
   * field by field (422 identity_rejected), when another account holds the document
   * (identity-already-registered), and when this account is bound already (409).
   */
  bindIdentity: endpoint({
    method: 'POST',
    path: '/api/me/identity',
    access: { roles: ['holder'], self: true },
    body: IdentityBodySchema,
    response: MeResponseSchema,
  }),
};
