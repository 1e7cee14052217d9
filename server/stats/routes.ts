// GET /api/venues/:id/stats (a venue's published statistics for a range and today) and the same
// range's daily counts as export.csv / export.xlsx, streamed.

import { statsApi } from '../../shared/api/stats.js';
import { contentDisposition } from '../exports/content-disposition.js';
import type { ApiRouter } from '../http/route.js';
import type { StatsExport } from './export.js';
import type { StatsService } from './service.js';

export function statsRoutes(api: ApiRouter, stats: StatsService, exports: StatsExport): void {
  api.on(statsApi.venues, async ({ actor }) => ({ venues: await stats.venues(actor) }));
  api.on(statsApi.venueStats, async ({ actor, params, query }) => stats.venueStats(actor, params.id!, query.from, query.to, query.since));
  for (const [endpoint, format] of [[statsApi.exportCsv, 'csv'], [statsApi.exportXlsx, 'xlsx']] as const) {
    api.on(endpoint, async ({ actor, params, query, c }) => {
      const file = await exports.dailyCounts(actor, params.id!, query.from, query.to, format, query.lang ?? 'zh-CN');
      c.header('Content-Type', file.contentType);
      c.header('Content-Disposition', contentDisposition(file.fileName));
      c.header('Cache-Control', 'no-store');
      return c.body(file.body);
    });
  }
}
