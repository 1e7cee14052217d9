// GET /api/dev/sms: the texts the development outbox "sent", newest first, so a developer or an
// e2e test can sign in without a phone. app.ts mounts it only outside production.

import { systemApi } from '../../shared/api/system.js';
import type { ApiRouter } from '../http/route.js';
import type { DevSmsOutbox } from './dev-outbox.js';

export function devSmsRoutes(api: ApiRouter, outbox: DevSmsOutbox): void {
  api.on(systemApi.devSms, async ({ query }) => ({ messages: await outbox.recent(query.phone) }));
}
