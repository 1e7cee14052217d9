// Keyboard-wedge scanners type the code's text very fast and finish with Enter. This tells such a
// burst apart from a person typing, so the gate can take scans without a focused text field.

export const MAX_GAP_MS = 50;
/** Shorter bursts are keyboard shortcuts or stray keys, not codes. */
export const MIN_LENGTH = 8;

export class WedgeCollector {
  private buffer = '';
  private last = -Infinity;

  /** Feeds one key; returns the collected text when a fast burst ends with Enter. */
  feed(key: string, at: number): string | undefined {
    const fast = at - this.last <= MAX_GAP_MS;
    this.last = at;
    if (key === 'Enter') {
      const text = fast && this.buffer.length >= MIN_LENGTH ? this.buffer : undefined;
      this.buffer = '';
      return text;
    }
    if (key.length !== 1) return undefined; // Shift and friends arrive between characters.
    this.buffer = fast ? this.buffer + key : key;
    return undefined;
  }
}
