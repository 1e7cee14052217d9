// A QR code as one SVG path: one horizontal run of dark modules per segment keeps it short, with the
// standard four-module quiet zone. Error correction Q, as the code format expects. Kept apart from
// the drawing (QrSvg.tsx) so the code page can draw a saved path before this encoder has loaded.

// The encoder alone: the package's canvas and string renderers would only add weight.
import { create } from 'qrcode/lib/core/qrcode.js';

const QUIET = 4;

export interface QrPath {
  size: number;
  d: string;
}

export function qrPath(text: string): QrPath {
  const { modules } = create(text, { errorCorrectionLevel: 'Q' });
  const n = modules.size;
  let d = '';
  for (let y = 0; y < n; y++) {
    let x = 0;
    while (x < n) {
      if (!modules.get(y, x)) {
        x++;
        continue;
      }
      const start = x;
      while (x < n && modules.get(y, x)) x++;
      d += `M${start + QUIET} ${y + QUIET}h${x - start}v1h${start - x}z`;
    }
  }
  return { size: n + 2 * QUIET, d };
}
