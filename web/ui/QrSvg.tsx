// Draws a QR path (qr-path.ts): crisp at any size and pixel ratio, black on white.

import type { QrPath } from './qr-path.js';

export function QrSvg({ path, label, testId }: { path: QrPath; label: string; testId?: string }) {
  const { size, d } = path;
  return (
    <svg class="qr" data-testid={testId} viewBox={`0 0 ${size} ${size}`} role="img" aria-label={label} shape-rendering="crispEdges">
      <rect width={size} height={size} fill="#fff" />
      <path d={d} fill="#000" />
    </svg>
  );
}
