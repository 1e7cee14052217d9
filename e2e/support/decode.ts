// Reading a QR drawn on a page as a camera would: the SVG rendered into a white frame, decoded in
// Node by zxing-wasm (the scanner's decoder, its .wasm read from node_modules, no network); and
// judging the text as a gate does, with the server's signed trust and red lists.

import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Locator } from '@playwright/test';
import { prepareZXingModule, readBarcodes } from 'zxing-wasm/reader';
import { listsApi } from '../../shared/api/lists.js';
import { verifyCode, type Verdict } from '../../shared/code/verify.js';
import { openEnvelope, type Envelope } from '../../shared/envelope.js';
import { applyRedList, RedListSchema } from '../../shared/redlist.js';
import { loadTrustStore, TrustListSchema } from '../../shared/trust.js';
import { DATA_DIR, ROOT } from './paths.js';

let prepared = false;

/** The text of the QR an <svg> element shows, read from a 640×480 frame at `pxPerModule`. */
export async function decodeQrElement(qr: Locator, pxPerModule = 4): Promise<string> {
  const { rgba, width, height } = await qr.evaluate(async (svg, px) => {
    const [w, h] = [640, 480];
    const size = (svg as SVGSVGElement).viewBox.baseVal.width * px;
    const img = new Image();
    img.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(new XMLSerializer().serializeToString(svg))}`;
    await img.decode();
    const canvas = document.createElement('canvas');
    [canvas.width, canvas.height] = [w, h];
    const ctx = canvas.getContext('2d')!;
    ctx.fillStyle = '#fff';
    ctx.fillRect(0, 0, w, h);
    ctx.imageSmoothingEnabled = false;
    ctx.drawImage(img, Math.round((w - size) / 2), Math.round((h - size) / 2), size, size);
    return { rgba: Array.from(ctx.getImageData(0, 0, w, h).data), width: w, height: h };
  }, pxPerModule);
  if (!prepared) {
    const wasm = readFileSync(resolve(ROOT, 'node_modules/zxing-wasm/dist/reader/zxing_reader.wasm'));
    prepareZXingModule({ overrides: { wasmBinary: wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength) }, fireImmediately: true });
    prepared = true;
  }
  const image = { data: Uint8ClampedArray.from(rgba), width, height, colorSpace: 'srgb' } as ImageData;
  const [found] = await readBarcodes(image, { formats: ['QRCode'] });
  if (!found?.text) throw new Error('no QR code read from the frame');
  return found.text;
}

/** The verdict a gate holding the server's current lists would give (verified against the run's trust roots). */
export async function gateVerdict(serverUrl: string, text: string): Promise<Verdict> {
  const roots = (JSON.parse(readFileSync(resolve(DATA_DIR, 'keys', 'trust-roots.public.json'), 'utf8')) as { roots: JsonWebKey[] }).roots;
  const get = async (path: string) => (await (await fetch(`${serverUrl}${path}`)).json()) as Envelope;
  const trust = await openEnvelope(await get(listsApi.trust.path), roots, TrustListSchema);
  const red = await openEnvelope(await get(listsApi.redList.path), roots, RedListSchema);
  return verifyCode(text, await loadTrustStore(trust), applyRedList(undefined, red), Date.now());
}
