// The built web app manifest, as an install dialog reads it: a stable id, shortcuts to the gate and
// to my code, and screenshots that exist at the sizes they claim — and are not precached (a gate
// phone needs them only in the install dialog).

import { expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { WEB_OUT } from './support/paths.js';

interface Manifest {
  id: string;
  start_url: string;
  shortcuts: { name: string; url: string }[];
  screenshots: { src: string; sizes: string; form_factor: string; label: string }[];
}

/** A PNG's width × height, from its IHDR chunk. */
function pngSize(file: string): string {
  const b = readFileSync(file);
  expect(b.subarray(1, 4).toString('latin1')).toBe('PNG');
  return `${b.readUInt32BE(16)}x${b.readUInt32BE(20)}`;
}

test('the manifest has an id, shortcuts to the gate and my code, and true screenshots kept out of the precache', () => {
  const manifest = JSON.parse(readFileSync(resolve(WEB_OUT, 'manifest.webmanifest'), 'utf8')) as Manifest;
  expect(manifest.id).toBe('/');
  expect(manifest.shortcuts.map((s) => s.url)).toEqual(['/gate', '/code']);
  expect(manifest.screenshots.map((s) => s.form_factor).sort()).toEqual(['narrow', 'narrow', 'wide']);
  const sw = readFileSync(resolve(WEB_OUT, 'sw.js'), 'utf8');
  for (const shot of manifest.screenshots) {
    expect(pngSize(resolve(WEB_OUT, `.${shot.src}`)), shot.src).toBe(shot.sizes);
    expect(shot.label).not.toBe('');
    expect(sw).not.toContain(shot.src.slice(1));
  }
});
