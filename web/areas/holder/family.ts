// The family page's calls: the members an account looks after, adding one (checked against the
// registry on the server), and removing one. The code page's list is refreshed from here too.

import { membersApi, type Member } from '../../../shared/api/members.js';
import type { IdentityInput } from '../../../shared/identity.js';
import { appDb, setMeta } from '../../db/db.js';
import { call } from '../../http.js';
import { members } from './state.js';

async function keep(userId: string, list: Member[]): Promise<Member[]> {
  members.value = list;
  await setMeta(appDb(), `members:${userId}`, list).catch(() => undefined);
  return list;
}

export async function loadFamily(userId: string): Promise<Member[]> {
  return keep(userId, (await call(membersApi.members)).members);
}

export async function addMember(userId: string, input: IdentityInput): Promise<Member> {
  const { member } = await call(membersApi.addMember, { body: input });
  await loadFamily(userId);
  return member;
}

export async function removeMember(userId: string, personId: string): Promise<void> {
  await call(membersApi.removeMember, { params: { id: personId } });
  await loadFamily(userId);
}
