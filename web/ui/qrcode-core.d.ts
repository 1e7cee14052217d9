// Types for qrcode's encoder alone (the package's renderers are not needed: ui/Qr.tsx draws its own SVG).
declare module 'qrcode/lib/core/qrcode.js' {
  export { create } from 'qrcode';
}
