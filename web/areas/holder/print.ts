// Printed codes on this phone: asking the server for a new printout per person (each one revokes
// the person's earlier printouts), and drawing one card as a PNG for "save as image".

import { membersApi, type PrintedCode } from '../../../shared/api/members.js';
import { call } from '../../http.js';
import { qrPath } from '../../ui/Qr.js';

export async function printCodes(personIds: readonly string[]): Promise<{ personId: string; code: PrintedCode }[]> {
  const out: { personId: string; code: PrintedCode }[] = [];
  // One after another: each is a small signing request, and the order is the sheet's order.
  for (const personId of personIds) out.push({ personId, code: await call(membersApi.printCode, { params: { id: personId } }) });
  return out;
}

/** A card as an image: the QR black on white with the lines under it, 8 px per module. */
export async function cardImage(text: string, lines: readonly string[]): Promise<Blob> {
  const { size, d } = qrPath(text);
  const px = 8;
  const qr = size * px;
  const lineHeight = 44;
  const canvas = document.createElement('canvas');
  canvas.width = qr;
  canvas.height = qr + lines.length * lineHeight + 24;
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('no 2D canvas');
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  ctx.save();
  ctx.scale(px, px);
  ctx.fillStyle = '#000';
  ctx.fill(new Path2D(d));
  ctx.restore();
  ctx.fillStyle = '#000';
  ctx.textAlign = 'center';
  lines.forEach((line, i) => {
    ctx.font = i === 0 ? 'bold 34px sans-serif' : '26px sans-serif';
    ctx.fillText(line, qr / 2, qr + (i + 1) * lineHeight - 6);
  });
  return new Promise((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('no image'))), 'image/png'));
}
