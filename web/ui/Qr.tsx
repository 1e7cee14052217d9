// A QR code for a text, drawn as one SVG path (qr-path.ts) at once: for pages that have the encoder
// in their chunk anyway. The holder's code card draws its saved path instead (LiveQr).

import { useMemo } from 'preact/hooks';
import { qrPath } from './qr-path.js';
import { QrSvg } from './QrSvg.js';

export { qrPath } from './qr-path.js';

export function Qr({ text, label, testId }: { text: string; label: string; testId?: string }) {
  const path = useMemo(() => qrPath(text), [text]);
  return <QrSvg path={path} label={label} testId={testId} />;
}
