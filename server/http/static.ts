// The built PWA (dist/web): files as they are, and index.html for any other page path so the
// client router can take over. Hashed assets are cached forever; the service worker and the
// HTML are revalidated every time, or an update would never reach a device.

import { existsSync } from 'node:fs';
import { serveStatic } from '@hono/node-server/serve-static';
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from './context.js';

const IMMUTABLE = 'public, max-age=31536000, immutable';
const REVALIDATE = 'no-cache';

export function staticSite(dir: string): MiddlewareHandler<AppEnv> {
  if (!existsSync(dir)) {
    return async (c, next) => {
      if (c.req.method !== 'GET' && c.req.method !== 'HEAD') return next();
      return c.text(`The web app has not been built yet (no ${dir}): run \`npx vite build\`, or \`npm start\`.`, 404);
    };
  }
  const files = serveStatic<AppEnv>({ root: dir });
  const index = serveStatic<AppEnv>({ root: dir, path: 'index.html' });
  return async (c, next) => {
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD') return next();
    const served = await files(c, async () => undefined);
    // Vite puts content-hashed files, and only those, under /assets/.
    if (served) return withCaching(served, c.req.path.startsWith('/assets/') ? IMMUTABLE : REVALIDATE);
    // A missing file (it has an extension) is a 404, not the app: a script tag must never get HTML.
    const last = c.req.path.split('/').at(-1) ?? '';
    if (last.includes('.')) return next();
    const page = await index(c, async () => undefined);
    return page ? withCaching(page, REVALIDATE) : next();
  };
}

function withCaching(res: Response, cacheControl: string): Response {
  res.headers.set('Cache-Control', cacheControl);
  return res;
}
