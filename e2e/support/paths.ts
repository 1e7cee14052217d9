// Where the e2e run keeps its build and data: one trust root and one PWA build for the whole
// run (global-setup.ts makes them), a fresh database per server.

import { fileURLToPath } from 'node:url';
import { resolve } from 'node:path';

export const ROOT = resolve(fileURLToPath(import.meta.url), '../../..');
export const TMP = resolve(ROOT, 'e2e/.tmp');
/** Keys live here; the PWA in WEB_OUT is built with this data dir's trust root. */
export const DATA_DIR = resolve(TMP, 'data');
export const WEB_OUT = resolve(TMP, 'web');
export const CHROMIUM = '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Chromium's flags for a fake camera that plays `video` (a .y4m from fixtures/y4m.ts), granted without a prompt. */
export const fakeCameraArgs = (video: string): string[] => [...CHROMIUM_ARGS, '--use-fake-device-for-media-stream', `--use-file-for-fake-video-capture=${video}`, '--use-fake-ui-for-media-stream'];
