// The camera for a join code, loaded only when the person presses "scan": the scanner chunk the
// gate uses (decoder in a worker), reporting each text it reads.

import type { ScannerHandle } from '../../scanner/index.js';

export type { ScannerHandle };

export async function startCamera(container: HTMLElement, onText: (text: string) => void, onError: (e: Error) => void): Promise<ScannerHandle> {
  const scanner = await import('../../scanner/index.js');
  return scanner.startScanner(container, onText, { onError });
}
