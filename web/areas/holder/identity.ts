// Binding a resident's own account to their identity document: the call, then the device learns
// the account's new name (so the app sends them to their code from now on).

import { ownIdentityApi } from '../../../shared/api/identity.js';
import type { IdentityInput } from '../../../shared/identity.js';
import { rememberUser } from '../../app/session.js';
import { call } from '../../http.js';

export async function bindOwnIdentity(input: IdentityInput): Promise<string | null> {
  const { user } = await call(ownIdentityApi.bindIdentity, { body: input });
  await rememberUser(user);
  return user.maskedName;
}
