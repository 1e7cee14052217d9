// The real-name check the server runs for every typed identity: the field rules of shared/identity.ts,
// then the registry. It is a real-name check (the name belongs to the document), not a real-person
// check (that the person typing is that person): the pages say so.

import type { IdentityInput, CheckedIdentity, RegistryEntry } from '../../shared/identity.js';
import { checkIdentity, matchRegistry } from '../../shared/identity.js';
import { IdentityRejectedError } from '../../shared/errors.js';
import type { IdentityRegistry } from '../registry/registry.js';

export interface VerifiedIdentity extends CheckedIdentity {
  /** The registry's entry: its name form is what the person is stored under. */
  entry: RegistryEntry;
}

/** The checked identity and its registry entry, or IdentityRejectedError with every wrong field. */
export async function verifyIdentity(registry: IdentityRegistry, input: IdentityInput, now: number): Promise<VerifiedIdentity> {
  const checked = checkIdentity(input, { now: new Date(now) });
  if (!checked.ok) throw new IdentityRejectedError(checked.problems);
  const { document } = checked.identity;
  const match = matchRegistry(checked.identity, await registry.lookup(document.type, document.number));
  if (!match.ok) throw new IdentityRejectedError([{ field: match.field, problem: match.problem }]);
  return { ...checked.identity, entry: match.entry };
}
