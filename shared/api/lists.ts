// The signed lists a device verifies codes with. Public on purpose: they hold public keys and keyed
// hashes only, and a gate must be able to refresh them before anyone has signed in on it.

import * as v from 'valibot';
import { EnvelopeSchema } from '../envelope.js';
import { endpoint } from './contract.js';
import { text } from './fields.js';

export const listsApi = {
  trust: endpoint({ method: 'GET', path: '/api/trust', access: { public: true }, response: EnvelopeSchema }),
  /** A snapshot, or the delta since version `since`; a missing or unreadable `since` gets a snapshot. */
  redList: endpoint({
    method: 'GET',
    path: '/api/redlist',
    access: { public: true },
    query: v.strictObject({ since: v.optional(text(32)) }),
    response: EnvelopeSchema,
  }),
};
