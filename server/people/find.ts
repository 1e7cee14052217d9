// Finding a person from what an operator types at the CLI: a person id, or the phone number of
// the holder account that person belongs to.

import * as v from 'valibot';
import { PhoneSchema } from '../../shared/api/auth.js';
import { NotFoundError } from '../../shared/errors.js';
import type { PersonRow } from '../store/people.js';
import type { Store } from '../store/store.js';

export async function findPerson(store: Store, ref: string): Promise<PersonRow> {
  const phone = v.safeParse(PhoneSchema, ref);
  if (phone.success) {
    const holder = (await store.accounts.usersByPhone(phone.output)).find((u) => u.person_id !== null);
    const person = holder?.person_id ? await store.people.getPerson(holder.person_id) : undefined;
    if (person) return person;
  }
  const person = await store.people.getPerson(ref);
  if (!person) throw new NotFoundError(`No person with id or holder phone ${ref}.`);
  return person;
}
