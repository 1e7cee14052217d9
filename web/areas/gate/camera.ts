// The camera scanner, loaded only when the inspector presses "scan": it is its own chunk (decoder
// and .wasm included), precached by the service worker so the first scan of the day works offline.

import type { ScannerHandle } from '../../scanner/index.js';

export type { ScannerHandle };

export async function startCamera(container: HTMLElement, onText: (text: string) => void, onError: (e: Error) => void, cameraId?: string): Promise<ScannerHandle> {
  const scanner = await import('../../scanner/index.js');
  return scanner.startScanner(container, onText, { cameraId, onError });
}

export async function cameras(): Promise<{ id: string; label: string }[]> {
  const scanner = await import('../../scanner/index.js');
  return scanner.listCameras();
}
