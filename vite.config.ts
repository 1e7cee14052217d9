/// <reference types="vitest/config" />
// Builds the PWA (root web/, output dist/web) and configures vitest for the whole repository.
// The trust-root public keys are embedded at build time from the data directory the server
// created them in (`npm run cli -- keys ensure`), so a device can check the trust list offline.
// Staff screens are built into assets/staff/, which the service worker does not precache: a gate
// phone keeps what a gate needs (scanner and decoder included) and nothing a manager needs.

import preact from '@preact/preset-vite';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { defineConfig } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';
import { DIVISIONS_PRECACHE_IGNORE, divisionsPlugin } from './build/divisions.js';

const dataDir = resolve(process.env.HG_DATA_DIR ?? 'data');

/** Areas for managers, organisations and the authority: their chunks land in STAFF_DIR by folder alone. */
const STAFF_AREAS = ['staff', 'venue', 'org', 'admin', 'dashboard'];
const STAFF_DIR = 'assets/staff';
const staffModule = new RegExp(`/web/areas/(${STAFF_AREAS.join('|')})/`);

/**
 * A chunk holding any module of a staff area is loaded only by staff pages (areas never import each
 * other, and the router imports their pages lazily), so it goes to STAFF_DIR. String tables are
 * named after their area (gate-strings.en-….js), not all "strings.en".
 */
function chunkFileNames(chunk: { name: string; facadeModuleId: string | null; moduleIds: string[] }): string {
  const ids = chunk.moduleIds.map((id) => id.replaceAll('\\', '/'));
  const table = chunk.facadeModuleId?.replaceAll('\\', '/').match(/\/web\/(?:areas\/(\w+)|i18n)\/(strings\.[\w-]+)\.ts$/);
  const name = table ? `${table[1] ?? 'platform'}-${table[2]}` : '[name]';
  return ids.some((id) => staffModule.test(id)) ? `${STAFF_DIR}/${name}-[hash].js` : `assets/${name}-[hash].js`;
}

const serverPort = process.env.PORT ?? '8787';

function trustRoots(command: string): string {
  const file = resolve(dataDir, 'keys', 'trust-roots.public.json');
  if (existsSync(file)) return readFileSync(file, 'utf8');
  if (command === 'build' && !process.env.VITEST) {
    throw new Error(`No trust roots at ${file}. Run \`npm run cli -- keys ensure\` first (or \`npm start\`).`);
  }
  return '{"roots":[]}';
}

export default defineConfig(({ command }) => ({
  root: 'web',
  publicDir: resolve('public'),
  define: { __HG_TRUST_ROOTS__: trustRoots(command) },
  build: {
    outDir: resolve(process.env.HG_WEB_OUT ?? 'dist/web'),
    emptyOutDir: true,
    target: 'es2022',
    // Browsers without <link rel=modulepreload> (Safari < 17) still work, only without preloading a
    // lazy page's imports; the polyfill would cost every page, the holder's included, 0.3 KB.
    modulePreload: { polyfill: false },
    rolldownOptions: { output: { chunkFileNames } },
  },
  plugins: [
    preact(),
    divisionsPlugin(),
    VitePWA({
      strategies: 'injectManifest',
      srcDir: '.',
      filename: 'sw.ts',
      injectRegister: false,
      registerType: 'prompt',
      manifest: {
        // A stable identity: installs stay one app even if start_url changes.
        id: '/',
        name: 'healthgate 健康码',
        short_name: 'healthgate',
        description: 'Health codes that keep working at the gate when the network does not.',
        lang: 'zh-CN',
        start_url: '/',
        scope: '/',
        display: 'standalone',
        background_color: '#ffffff',
        theme_color: '#0a7d3b',
        icons: [
          { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png' },
          { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png' },
          { src: '/icons/icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        ],
        // Shown by install dialogs; taken by e2e/gate-inspector.spec.ts and e2e/live-code.spec.ts.
        screenshots: [
          { src: '/screenshots/gate-live.png', sizes: '390x844', type: 'image/png', form_factor: 'narrow', label: '检测点：实时码核验 · Checkpoint: a live code checked' },
          { src: '/screenshots/holder-live.png', sizes: '390x844', type: 'image/png', form_factor: 'narrow', label: '我的健康码：实时码 · My health code, shown live' },
          { src: '/screenshots/gate-landscape.png', sizes: '844x390', type: 'image/png', form_factor: 'wide', label: '检测点（横屏）· Checkpoint in landscape' },
        ],
        shortcuts: [
          { name: '检测点 Checkpoint', short_name: '检测点', url: '/gate', icons: [{ src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png' }] },
          { name: '我的健康码 My code', short_name: '我的健康码', url: '/code', icons: [{ src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png' }] },
        ],
      },
      injectManifest: {
        globPatterns: ['**/*.{js,css,html,wasm,png,svg,ico,webmanifest}'],
        // Staff screens and the divisions data are for office PCs and one page: never on gate phones.
        // The manifest's screenshots are for install dialogs, not for the gate's offline use.
        globIgnores: [`${STAFF_DIR}/**`, DIVISIONS_PRECACHE_IGNORE, 'screenshots/**'],
        maximumFileSizeToCacheInBytes: 8 * 1024 * 1024,
        rollupFormat: 'es',
      },
      devOptions: { enabled: false },
    }),
  ],
  // changeOrigin stays false: the server checks that Origin matches Host on every POST.
  server: { proxy: { '/api': { target: `http://127.0.0.1:${serverPort}`, changeOrigin: false } } },
  preview: { proxy: { '/api': { target: `http://127.0.0.1:${serverPort}`, changeOrigin: false } } },
  test: {
    root: '.',
    include: ['shared/**/*.test.ts', 'server/**/*.test.ts', 'web/**/*.test.{ts,tsx}', 'lint/**/*.test.ts', 'build/**/*.test.ts'],
    environment: 'node',
    testTimeout: 20_000,
    hookTimeout: 60_000,
    // Store tests on one database file each, PostgreSQL tests on one shared database: run files one at a time there.
    fileParallelism: true,
  },
}));
