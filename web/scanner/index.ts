// The gate's QR scanner, loaded lazily as its own chunk: html5-qrcode's camera layer shows the
// camera in a container, and each frame is decoded off the main thread through the
// BarcodeDetector interface (the browser's own, or zxing-wasm in our worker).

import { listCameras as listCameraDevices, openCamera, toError, type OpenCamera } from './camera.js';
import { qrDetector } from './detector.js';
import { frameReader } from './frame-reader.js';

export { DecoderLoadError } from './detector.js';
import { runScanLoop } from './scan-loop.js';

export interface ScannerHandle {
  stop(): Promise<void>;
  /** No frames are decoded until resume() (the gate pauses while a verdict is on screen); the camera keeps showing. */
  pause(): void;
  resume(): void;
}

export interface StartOptions {
  /** A camera from listCameras(); without it, the back camera if there is one. */
  cameraId?: string;
  /** Failures after the scanner started: the camera was lost, or decoding broke. */
  onError?: (e: Error) => void;
}

/**
 * Opens the camera in `container` and calls `onText` once for each code it reads (the raw text,
 * "HG1:…" or anything else: judging it is the verifier's job). The same text is ignored until it
 * has been out of view for 3 s. Rejects, leaving no camera open, if the camera cannot be opened
 * (a DOMException: NotAllowedError, NotFoundError, NotReadableError…) or the decoder cannot be
 * loaded (DecoderLoadError).
 */
export async function startScanner(
  container: HTMLElement,
  onText: (text: string) => void,
  options: StartOptions = {},
): Promise<ScannerHandle> {
  const onError = options.onError ?? (() => undefined);
  // The decoder loads while the camera opens: the .wasm compile overlaps the permission prompt.
  const [detector, camera] = await Promise.allSettled([qrDetector(), openCamera(container, options.cameraId)]);
  if (detector.status === 'rejected' || camera.status === 'rejected') {
    if (camera.status === 'fulfilled') await camera.value.close();
    throw toError(camera.status === 'rejected' ? camera.reason : (detector as PromiseRejectedResult).reason);
  }

  const open: OpenCamera = camera.value;
  const loop = runScanLoop(open.video, frameReader(detector.value), onText, onError);
  const onEnded = () => onError(new Error('The camera stopped (unplugged, or permission withdrawn)'));
  const track = open.stream.getVideoTracks()[0];
  track?.addEventListener('ended', onEnded);

  let stopping: Promise<void> | undefined;
  return {
    pause: () => loop.pause(),
    resume: () => loop.resume(),
    stop() {
      stopping ??= (async () => {
        loop.stop();
        track?.removeEventListener('ended', onEnded);
        await open.close();
      })();
      return stopping;
    },
  };
}

/** The cameras on this device, to let people pick one. May ask for camera permission. */
export function listCameras(): Promise<{ id: string; label: string }[]> {
  return listCameraDevices();
}

/** Which decoder the scanner uses on this browser: the native BarcodeDetector or zxing-wasm. */
export async function scannerDecoder(): Promise<'native' | 'zxing-wasm'> {
  return (await qrDetector()).kind;
}
