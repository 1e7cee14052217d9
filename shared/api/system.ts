// The server's own endpoints: a health check for load balancers, and (development only) the
// embedded SMS outbox a developer or an e2e test signs in with.

import * as v from 'valibot';
import { endpoint, OkSchema } from './contract.js';
import { PhoneSchema } from './auth.js';

export const DevSmsSchema = v.strictObject({ phone: v.string(), body: v.string(), createdAt: v.number() });
export type DevSms = v.InferOutput<typeof DevSmsSchema>;

export const systemApi = {
  health: endpoint({ method: 'GET', path: '/api/health', access: { public: true }, response: OkSchema }),
  devSms: endpoint({
    method: 'GET',
    path: '/api/dev/sms',
    access: { devOnly: true },
    query: v.strictObject({ phone: v.optional(PhoneSchema) }),
    response: v.strictObject({ messages: v.array(DevSmsSchema) }),
  }),
};
