// Inbound travellers: signing up from a link at the border (the identity checked against the
// registry), and coming back by the personal link texted afterwards.

import * as v from 'valibot';
import { isCountryCode } from '../countries.js';
import { PhoneSchema } from './auth.js';
import { endpoint } from './contract.js';
import { matching, wellFormed } from './fields.js';
import { IdentityBodySchema } from './members.js';
import { personal } from './personal.js';

export const TravellerSignUpSchema = v.strictObject({
  ...IdentityBodySchema.entries,
  country: v.pipe(v.string(), v.maxLength(2), wellFormed(), v.check((c: string) => isCountryCode(c), 'must be an ISO 3166-1 alpha-2 code')),
  phone: PhoneSchema,
});
export type TravellerSignUp = v.InferOutput<typeof TravellerSignUpSchema>;

/** A traveller's personal link token: 32 random bytes, base64url. */
export const LinkTokenSchema = matching(/^[A-Za-z0-9_-]{43}$/, 'not a link token', 43);

export const travellersApi = {
  /** First use: checks the identity against the registry, makes the account and texts the personal link. */
  signUp: endpoint({
    method: 'POST',
    path: '/api/travellers',
    access: { public: true },
    body: TravellerSignUpSchema,
    response: v.strictObject({ sent: v.literal(true) }),
  }),
  /** "Continue" on the link's page: spends the link (a GET never does) and says which phone to sign in with. */
  openLink: endpoint({
    method: 'POST',
    path: '/api/travellers/link',
    access: { public: true, self: true },
    body: v.strictObject({ token: LinkTokenSchema }),
    response: v.strictObject({ maskedPhone: personal(v.string()) }),
  }),
};
