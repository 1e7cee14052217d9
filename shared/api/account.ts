// Accounts that people control: the devices signed in to their account (see, end one, end all
// others, stop remembering one). Bound sign-in methods, export and deletion follow.

import * as v from 'valibot';
import { endpoint, OkSchema } from './contract.js';

/** A session's public id: 16 random bytes, base64url. Never the cookie token or its hash. */
export const SessionIdSchema = v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{22}$/, 'not a session id'));

export const DeviceSessionSchema = v.strictObject({
  id: v.string(),
  /** Read from the user agent the device signed in with; null when it says nothing we know. */
  browser: v.nullable(v.string()),
  os: v.nullable(v.string()),
  mobile: v.boolean(),
  firstSeenAt: v.number(),
  lastSeenAt: v.number(),
  expiresAt: v.number(),
  /** Signed in with "remember this device for 30 days". */
  remembered: v.boolean(),
  /** The device this request came from. */
  current: v.boolean(),
});
export type DeviceSession = v.InferOutput<typeof DeviceSessionSchema>;

export const accountApi = {
  sessions: endpoint({
    method: 'GET',
    path: '/api/me/sessions',
    access: { signedIn: true },
    response: v.strictObject({ sessions: v.array(DeviceSessionSchema) }),
  }),
  /** Ends every session but this one. */
  endOtherSessions: endpoint({
    method: 'DELETE',
    path: '/api/me/sessions',
    access: { signedIn: true },
    response: v.strictObject({ ended: v.number() }),
  }),
  /** Ends one session (this one too: that is signing out here). */
  endSession: endpoint({ method: 'DELETE', path: '/api/me/sessions/:id', access: { signedIn: true }, response: OkSchema }),
  /**
   * Stops remembering a device: it then ends within 12 hours at most, and on this device also when
   * the browser closes (its cookie becomes a browser-session cookie).
   */
  forgetSession: endpoint({
    method: 'PATCH',
    path: '/api/me/sessions/:id',
    access: { signedIn: true },
    body: v.strictObject({ remember: v.literal(false) }),
    response: OkSchema,
  }),
};
