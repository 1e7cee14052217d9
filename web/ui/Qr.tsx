// A QR code drawn as one SVG path: crisp at any size and pixel ratio, black on white, with the
// standard four-module quiet zone. Error correction Q, as the code format expects.

import { useMemo } from 'preact/hooks';
// The encoder alone: the package's canvas and string renderers would only add weight.
import { create } from 'qrcode/lib/core/qrcode.js';

const QUIET = 4;

/** One horizontal run of dark modules per path segment keeps the path short. */
export function qrPath(text: string): { size: number; d: string } {
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

export function Qr({ text, label, testId }: { text: string; label: string; testId?: string }) {
  const { size, d } = useMemo(() => qrPath(text), [text]);
  return (
    <svg class="qr" data-testid={testId} viewBox={`0 0 ${size} ${size}`} role="img" aria-label={label} shape-rendering="crispEdges">
      <rect width={size} height={size} fill="#fff" />
      <path d={d} fill="#000" />
    </svg>
  );
}
