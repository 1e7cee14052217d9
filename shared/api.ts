// The HTTP contract between the PWA and the server: paths, request schemas, response shapes.

import * as v from 'valibot';
import type { CodeKind, CodeStatus, RedReason } from './code/claims.js';

export const API = {
  otpRequest: '/api/auth/otp/request',
  otpVerify: '/api/auth/otp/verify',
  signOut: '/api/auth/signout',
  me: '/api/me',
  myCode: '/api/me/code',
  trust: '/api/trust',
  redList: '/api/redlist',
  venues: '/api/venues',
  syncCheckpoints: '/api/sync/checkpoints',
  devOutbox: '/api/dev/outbox',
  health: '/api/health',
} as const;

export const ROLES = ['holder', 'inspector', 'manager', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** Mainland mobile numbers, with or without +86; international numbers in E.164. */
export const PhoneSchema = v.pipe(
  v.string(),
  v.trim(),
  v.transform((s) => s.replace(/[\s-]/g, '')),
  v.regex(/^(?:\+861[3-9]\d{9}|1[3-9]\d{9}|\+[1-9]\d{6,14})$/, 'not a valid phone number'),
  v.transform((s) => (s.startsWith('+') ? s : `+86${s}`)),
);

export const OtpRequestSchema = v.strictObject({ phone: PhoneSchema });
export type OtpRequest = v.InferInput<typeof OtpRequestSchema>;
export interface OtpRequestResponse {
  /** Same answer whether or not the number is known. */
  sent: true;
  resendAfterSec: number;
  expiresInSec: number;
}

export const OtpVerifySchema = v.strictObject({
  phone: PhoneSchema,
  code: v.pipe(v.string(), v.regex(/^\d{6}$/, 'the code is 6 digits')),
  remember: v.optional(v.boolean(), false),
});
export type OtpVerify = v.InferInput<typeof OtpVerifySchema>;

export interface Me {
  id: string;
  role: Role;
  /** Only the owner sees their own masked name; never sent to other roles. */
  maskedName: string | null;
}
export interface MeResponse {
  user: Me;
}

export interface MyCodeResponse {
  text: string;
  status: CodeStatus;
  reason: RedReason;
  kind: CodeKind;
  maskedName: string;
  issuedAt: number;
  expiresAt: number;
}

export interface Venue {
  id: string;
  name: string;
}
export interface VenuesResponse {
  venues: Venue[];
}

export interface DevOutboxMessage {
  phone: string;
  body: string;
  createdAt: number;
}
