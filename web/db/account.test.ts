import 'fake-indexeddb/auto';
import { expect, it } from 'vitest';
import type { Member } from '../../shared/api/members.js';
import type { Me } from '../../shared/api/auth.js';
import { forgetAccount, keepAccount } from './account.js';
import { appDb, getMeta, setMeta } from './db.js';

const family = [{ id: 'p-child', maskedName: '张*' }] as unknown as Member[];
const me = (id: string) => ({ id, role: 'holder', maskedName: '李*' }) as Me;

it('forgets the family list (masked names) of the account that signs out, or that another person replaces', async () => {
  const db = appDb();
  await keepAccount(me('u1'));
  await setMeta(db, 'members:u1', family);
  await forgetAccount('u1');
  expect(await getMeta(db, 'members:u1')).toBeUndefined();

  await keepAccount(me('u2'));
  await setMeta(db, 'members:u2', family);
  await keepAccount(me('u3'));
  expect(await getMeta(db, 'members:u2')).toBeUndefined();
});
