// The server mounts exactly the shared contract: every endpoint in shared/api is served, nothing
// under /api is served outside it (so no route escapes the response checks and the privacy test),
// and development-only endpoints are gone in production.

import { expect, it } from 'vitest';
import { ALL_ENDPOINTS } from '../../shared/api/endpoints.js';
import { testServer } from '../testing/server.js';
import { describeStores } from '../testing/stores.js';

const label = (e: { method: string; path: string }) => `${e.method} ${e.path}`;

describeStores('the contract, as mounted', (store) => {
  it('serves every endpoint of shared/api and no other /api route', async () => {
    const t = await testServer(store());
    expect(t.api.endpoints().map(label).sort()).toEqual(ALL_ENDPOINTS.map(label).sort());
    // Routes registered on Hono directly, bypassing the contract router, would show up here.
    const apiRoutes = t.app.routes.filter((r) => r.path.startsWith('/api/') && r.method !== 'ALL').map(label);
    expect([...new Set(apiRoutes)].sort()).toEqual(ALL_ENDPOINTS.map(label).sort());
  });

  it('leaves development-only endpoints out of production', async () => {
    const t = await testServer(store(), { production: true });
    const expected = ALL_ENDPOINTS.filter((e) => !('devOnly' in e.access)).map(label);
    expect(t.api.endpoints().map(label).sort()).toEqual(expected.sort());
    expect(expected.length).toBe(ALL_ENDPOINTS.length - 1);
  });
});
