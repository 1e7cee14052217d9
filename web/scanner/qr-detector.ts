// What the scanner needs of a QR decoder: the BarcodeDetector shape, which native detectors have
// as they are and zxing-wasm is wrapped into. Its own module, so a decoder and the chooser need not import each other.

export interface QrDetector {
  detect(image: ImageData): Promise<{ rawValue: string }[]>;
}
