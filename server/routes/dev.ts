// GET /api/dev/outbox: the texts the embedded SMS outbox "sent", newest first, so a developer or
// an e2e test can sign in without a phone. app.ts mounts it only outside production.

import { Hono } from 'hono';
import * as v from 'valibot';
import { API, PhoneSchema, type DevOutboxMessage } from '../../shared/api.js';
import { parseWith, type AppEnv } from './context.js';

export interface DevOutbox {
  recent(phone?: string): Promise<DevOutboxMessage[]>;
}

const QuerySchema = v.strictObject({ phone: v.optional(PhoneSchema) });

export function devRoutes(outbox: DevOutbox): Hono<AppEnv> {
  return new Hono<AppEnv>().get(API.devOutbox, async (c) => {
    const { phone } = parseWith(QuerySchema, c.req.query());
    return c.json({ messages: await outbox.recent(phone) });
  });
}
