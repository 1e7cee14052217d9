// Page model: the holder's own code, shown live.

import { expect, type Locator, type Page } from '@playwright/test';

export class HolderPage {
  readonly code: Locator;
  readonly qr: Locator;
  readonly maskedName: Locator;
  readonly reason: Locator;
  /** The frame around the QR: data-live="true" once the QR is the live presentation. */
  readonly liveFrame: Locator;

  constructor(private readonly page: Page) {
    this.code = page.getByTestId('my-code');
    this.qr = page.getByTestId('code-qr');
    this.maskedName = page.getByTestId('masked-name');
    this.reason = page.getByTestId('code-reason');
    this.liveFrame = page.locator('[data-live]');
  }

  status(): Promise<string | null> {
    return this.code.getAttribute('data-status');
  }

  async expectLive(): Promise<void> {
    await expect(this.liveFrame).toHaveAttribute('data-live', 'true');
  }

  /**
   * What a camera pointed at the phone would see: the QR as the page draws it, rendered into a
   * grey 640×480 frame (a phone screen's white around it), `pxPerModule` pixels per module.
   */
  async captureFrame(pxPerModule = 5): Promise<{ luma: Uint8Array; width: number; height: number }> {
    const { luma, width, height } = await this.qr.evaluate(async (svg, px) => {
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
      const rgba = ctx.getImageData(0, 0, w, h).data;
      const out: number[] = new Array(w * h);
      for (let i = 0; i < out.length; i++) out[i] = Math.round(0.299 * rgba[i * 4]! + 0.587 * rgba[i * 4 + 1]! + 0.114 * rgba[i * 4 + 2]!);
      return { luma: out, width: w, height: h };
    }, pxPerModule);
    return { luma: Uint8Array.from(luma), width, height };
  }
}
