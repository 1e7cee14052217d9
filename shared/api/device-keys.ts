// A holder phone registers the public half of its device key, so the codes the server gives that
// phone carry it (the cnf claim) and only that phone can show them live (shared/code/presentation.ts).

import * as v from 'valibot';
import { endpoint } from './contract.js';
import { matching } from './fields.js';

const Coordinate = matching(/^[A-Za-z0-9_-]{43}$/, 'must be 32 bytes, base64url', 43);

/** A public P-256 key as WebCrypto exports it; a private key (with `d`) is refused as an unknown field. */
export const DeviceKeyJwkSchema = v.strictObject({ kty: v.literal('EC'), crv: v.literal('P-256'), x: Coordinate, y: Coordinate });

/** What a phone asks for its bound code with: 8 bytes of SHA-256 over the compressed point, base64url. */
export const DeviceKeyIdSchema = matching(/^[A-Za-z0-9_-]{11}$/, 'must be a device key id', 11);

export const deviceKeysApi = {
  /** Idempotent: the same key answers with the same id. */
  register: endpoint({
    method: 'PUT',
    path: '/api/me/device-key',
    access: { roles: ['holder'] },
    body: v.strictObject({ jwk: DeviceKeyJwkSchema }),
    response: v.strictObject({ deviceKey: DeviceKeyIdSchema }),
  }),
};
