// Drops repeated reads of a code: a camera sees the same code in frame after frame (and Chromium's
// fake camera loops its file), but the gate wants one result per code shown.

export class RepeatFilter {
  private readonly lastRead = new Map<string, number>();

  constructor(private readonly quietMs = 3000) {}

  /**
   * True when `text` was not read in the last `quietMs`. Every read restarts the quiet time, so a
   * code held in view counts once, and counts again only after being out of view for `quietMs`.
   */
  accept(text: string, now: number): boolean {
    for (const [seen, at] of this.lastRead) if (now - at >= this.quietMs) this.lastRead.delete(seen);
    const isNew = !this.lastRead.has(text);
    this.lastRead.set(text, now);
    return isNew;
  }
}
