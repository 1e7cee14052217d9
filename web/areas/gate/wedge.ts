// Keyboard-wedge scanners type the code's text very fast and finish with Enter. This tells such a
// burst apart from a person typing, wherever the focus is, so each scan is taken as a scan of its
// own: it never piles onto what a field already holds, and never lands in the temperature.

/**
 * A longer pause ends a burst. Far wider than a scanner's gaps (a few ms): a busy browser delivers
 * keys in clumps, with a late one now and then. The mean gap is what tells a scanner from a person.
 */
export const MAX_GAP_MS = 300;
/** On average a scanner types far faster than this; no person keeps it up for a whole code. */
export const MAX_MEAN_GAP_MS = 35;
/** Shorter bursts are keyboard shortcuts or stray keys (or a temperature), not codes. */
export const MIN_LENGTH = 8;

export class WedgeCollector {
  private buffer = '';
  private last = -Infinity;
  private startedAt = 0;

  /** Characters collected in the current burst (1 right after the key that started it). */
  get pending(): number {
    return this.buffer.length;
  }

  /** Feeds one key; returns the collected text when a fast burst ends with Enter. */
  feed(key: string, at: number): string | undefined {
    const close = at - this.last <= MAX_GAP_MS;
    this.last = at;
    if (key === 'Enter') {
      const meanGap = (at - this.startedAt) / Math.max(1, this.buffer.length);
      const text = close && this.buffer.length >= MIN_LENGTH && meanGap <= MAX_MEAN_GAP_MS ? this.buffer : undefined;
      this.buffer = '';
      return text;
    }
    if (key.length !== 1) return undefined; // Shift and friends arrive between characters.
    if (close && this.buffer) this.buffer += key;
    else {
      this.buffer = key;
      this.startedAt = at;
    }
    return undefined;
  }
}

type Field = HTMLInputElement | HTMLTextAreaElement;

/**
 * Listens to every key on the page (in the capture phase, before any field sees it). A burst from a
 * wedge scanner is handed to `onScan`, its Enter is swallowed (no form is submitted with it), and
 * the field it was typed into gets back what it held before the burst, through `restore`.
 * Returns the stop function.
 */
export function listenForWedge(target: Document, onScan: (text: string) => void, restore: (field: Field, before: string) => void): () => void {
  const wedge = new WedgeCollector();
  let start: { field: Field; before: string } | null = null;
  const onKey = (e: KeyboardEvent) => {
    if (e.isComposing) return;
    const field = e.target instanceof HTMLInputElement || e.target instanceof HTMLTextAreaElement ? e.target : null;
    // keydown comes before the character lands: the field still holds what it had.
    const before = field?.value ?? '';
    const text = wedge.feed(e.key, e.timeStamp);
    if (e.key.length === 1 && wedge.pending === 1) start = field ? { field, before } : null;
    if (!text) return;
    e.preventDefault();
    e.stopPropagation();
    if (start) restore(start.field, start.before);
    start = null;
    onScan(text);
  };
  target.addEventListener('keydown', onKey, true);
  return () => target.removeEventListener('keydown', onKey, true);
}
