// The camera, through html5-qrcode's camera layer: it opens the stream and shows it as a <video>
// in the container. We take only that layer (not the Html5Qrcode class), so html5-qrcode's own
// ZXing-js decode loop neither runs beside ours nor ships in the scanner chunk.

import type { RenderedCamera } from 'html5-qrcode/esm/camera/core';
import { CameraFactory } from 'html5-qrcode/esm/camera/factories';
import { CameraRetriever } from 'html5-qrcode/esm/camera/retriever';

const FIRST_FRAME_TIMEOUT_MS = 10_000;

/** html5-qrcode rejects with strings; callers get Errors, with the DOMException's name kept. */
export function toError(reason: unknown): Error {
  if (reason instanceof Error) return reason;
  if (typeof DOMException !== 'undefined' && reason instanceof DOMException) return reason;
  return new Error(typeof reason === 'string' ? reason : String(reason));
}

export interface OpenCamera {
  video: HTMLVideoElement;
  stream: MediaStream;
  close(): Promise<void>;
}

/**
 * Opens the chosen camera, or the back camera if there is one: `facingMode: 'environment'` as a
 * preference, not `exact`, which fails on laptops and Chromium's fake camera (OverconstrainedError).
 * Resolves once the video plays, so its frames have a size.
 */
export async function openCamera(container: HTMLElement, cameraId?: string): Promise<OpenCamera> {
  const constraints: MediaTrackConstraints = cameraId ? { deviceId: { exact: cameraId } } : { facingMode: 'environment' };
  let rendered: RenderedCamera | undefined;
  let abandoned = false;
  try {
    const factory = await CameraFactory.failIfNotSupported();
    const camera = await factory.create(constraints);
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('The camera opened but shows no picture')), FIRST_FRAME_TIMEOUT_MS);
      camera.render(container, {}, { onRenderSurfaceReady: () => (clearTimeout(timer), resolve()) }).then(
        (r) => {
          rendered = r;
          // Gave up waiting for a picture before the surface existed: close it now.
          if (abandoned) void closeRendered(r);
        },
        (e) => (clearTimeout(timer), reject(e)),
      );
    });
  } catch (e) {
    abandoned = true;
    if (rendered) await closeRendered(rendered);
    throw toError(e);
  }
  if (!rendered) throw new Error('The camera shows a picture but no video element');
  const r = rendered;
  const video = r.getSurface();
  return { video, stream: video.srcObject as MediaStream, close: () => closeRendered(r) };
}

async function closeRendered(rendered: RenderedCamera): Promise<void> {
  const video = rendered.getSurface();
  // html5-qrcode's surface handlers throw when the video is aborted, which closing always does:
  // an uncaught page error for every stop. Closing is expected here, so drop them first.
  video.onabort = null;
  video.onerror = null;
  // html5-qrcode's close() never settles for a stream that has no video track left: bound it.
  await Promise.race([rendered.close().catch(() => undefined), new Promise((r) => setTimeout(r, 1000))]);
  const stream = video.srcObject instanceof MediaStream ? video.srcObject : null;
  stream?.getTracks().forEach((t) => t.stop());
  video.srcObject = null;
  video.remove();
}

/** The cameras on this device. The first call may ask for camera permission: labels need it. */
export async function listCameras(): Promise<{ id: string; label: string }[]> {
  try {
    const cameras = await CameraRetriever.retrieve();
    return cameras.map(({ id, label }) => ({ id, label }));
  } catch (e) {
    throw toError(e);
  }
}
