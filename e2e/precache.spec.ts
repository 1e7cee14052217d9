// What a gate phone keeps for offline use, read from the built service worker: the gate page, the
// scanner and its decoder, and everything they import are precached; no staff screen is (they are
// built into assets/staff/, which vite.config.ts leaves out of the precache).

import { expect, test } from '@playwright/test';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { posix, resolve } from 'node:path';
import { en as staffEn } from '../web/areas/staff/strings.en.js';
import { zhCN as staffZh } from '../web/areas/staff/strings.zh-CN.js';
import { en as dashboardEn } from '../web/areas/dashboard/strings.en.js';
import { zhCN as dashboardZh } from '../web/areas/dashboard/strings.zh-CN.js';
import { en as orgEn } from '../web/areas/org/strings.en.js';
import { zhCN as orgZh } from '../web/areas/org/strings.zh-CN.js';
import { WEB_OUT } from './support/paths.js';

const STAFF_DIR = 'assets/staff/';

/** The URLs workbox precaches, from the manifest injected into sw.js. */
function precached(): Set<string> {
  const sw = readFileSync(resolve(WEB_OUT, 'sw.js'), 'utf8');
  return new Set([...sw.matchAll(/"url":"([^"]+)"/g)].map((m) => m[1]!));
}

/**
 * A built chunk and, transitively, every chunk it imports statically, plus what it and those
 * chunks load lazily themselves (the scanner, the decoder). The app chunk's own lazy imports are
 * the router's table of every page, so they are not followed.
 */
function needs(file: string, app: string, seen = new Set<string>()): Set<string> {
  if (seen.has(file)) return seen;
  seen.add(file);
  if (file.endsWith('.wasm')) return seen;
  const text = readFileSync(resolve(WEB_OUT, file), 'utf8');
  const near = (rel: string) => posix.join(posix.dirname(file), rel);
  for (const m of text.matchAll(/from\s*["'`](\.\.?\/[^"'`]+\.js)["'`]/g)) needs(near(m[1]!), app, seen);
  if (file === app) return seen;
  for (const m of text.matchAll(/import\(\s*["'`](\.\.?\/[^"'`]+\.js)["'`]/g)) needs(near(m[1]!), app, seen);
  for (const m of text.matchAll(/["'`]\/?(assets\/[^"'`]+\.(?:js|wasm))["'`]/g)) if (existsSync(resolve(WEB_OUT, m[1]!))) needs(m[1]!, app, seen);
  // new URL('decode-worker-….js', import.meta.url): a worker or a .wasm named beside the chunk.
  for (const m of text.matchAll(/["'`]([\w.-]+\.(?:js|wasm))["'`]/g)) {
    const beside = near(m[1]!);
    if (beside !== file && existsSync(resolve(WEB_OUT, beside))) needs(beside, app, seen);
  }
  return seen;
}

const assetsNamed = (pattern: RegExp) => readdirSync(resolve(WEB_OUT, 'assets')).filter((f) => pattern.test(f)).map((f) => `assets/${f}`);

test('the gate precaches its page, the scanner and the decoder, and no staff screen', () => {
  const cached = precached();
  const staffFiles = readdirSync(resolve(WEB_OUT, STAFF_DIR)).map((f) => `${STAFF_DIR}${f}`);
  expect(staffFiles.some((f) => /HomePage-.*\.js$/.test(f))).toBe(true);
  expect(staffFiles.some((f) => /DashboardPage-.*\.js$/.test(f))).toBe(true);
  expect(staffFiles.some((f) => /OrgPage-.*\.js$/.test(f))).toBe(true);
  expect([...cached].filter((url) => url.startsWith(STAFF_DIR))).toEqual([]);

  // The page's entry (web/boot.ts) loads the app (web/main.tsx), the chunk with the router's table.
  const [entry] = assetsNamed(/^index-.*\.js$/);
  const [app] = assetsNamed(/^main-.*\.js$/);
  const [gatePage] = assetsNamed(/^GatePage-.*\.js$/);
  const [scanner] = assetsNamed(/^scanner-.*\.js$/);
  const [decoder] = assetsNamed(/^zxing_reader-.*\.wasm$/);
  const [worker] = assetsNamed(/^decode-worker-.*\.js$/);
  for (const file of [entry, app, gatePage, scanner, worker, decoder, ...assetsNamed(/^(gate|platform)-strings\./)]) expect(cached, file).toContain(file);
  const gateNeeds = [...needs(gatePage!, app!)];
  // The scanner decodes in a Web Worker, which loads the .wasm: both must be on the phone.
  expect(gateNeeds).toEqual(expect.arrayContaining([entry, app, scanner, worker, decoder]));
  for (const file of gateNeeds) {
    expect(file.startsWith(STAFF_DIR), file).toBe(false);
    expect(cached, file).toContain(file);
  }

  // No staff code hides in a precached chunk either: its test id and its own sentences are nowhere there.
  const markers = ['staff-home', staffZh['home.noPage'], staffEn['home.noPage'], dashboardZh['dash.legend'], dashboardEn['dash.legend'], 'org-day-table', orgZh['org.registerIntro'], orgEn['org.registerIntro']];
  const staffText = staffFiles.map((f) => readFileSync(resolve(WEB_OUT, f), 'utf8')).join('\n');
  for (const marker of markers) expect(staffText, marker).toContain(marker);
  for (const url of [...cached].filter((u) => u.endsWith('.js'))) {
    const text = readFileSync(resolve(WEB_OUT, url), 'utf8');
    for (const marker of markers) expect(text.includes(marker), `${url} holds "${marker}"`).toBe(false);
  }
});
