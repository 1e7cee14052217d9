// A holder's records and the code displays their phone reports: thin routes over RecordsService.

import { recordsApi } from '../../shared/api/records.js';
import type { ApiRouter } from '../http/route.js';
import type { RecordsService } from './service.js';

export function recordsRoutes(api: ApiRouter, records: RecordsService): void {
  api.on(recordsApi.mine, async ({ actor }) => records.mine(actor));
  api.on(recordsApi.member, async ({ actor, params }) => records.ofMember(actor, params.id!));
  api.on(recordsApi.reportDisplays, async ({ actor, body }) => records.reportDisplays(actor, body), { maxBytes: 64 * 1024 });
}
