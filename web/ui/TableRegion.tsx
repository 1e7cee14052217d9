// A console table's frame: a labelled region that scrolls sideways when the table is wider than its
// card (focusable, so a keyboard can scroll it), and whose rows become stacked cards — each value
// beside its column's name (the cells' data-label) — when the card is narrow: a phone, 320 px, or
// 200 % text (the breakpoint is in em of the card's own text). styles.css has the rules.

import type { ComponentChildren } from 'preact';

export function TableRegion({ label, labelledBy, children }: { label?: string; labelledBy?: string; children: ComponentChildren }) {
  return (
    <div class="table-wrap table-cards" tabIndex={0} role="region" aria-label={label} aria-labelledby={labelledBy}>
      {children}
    </div>
  );
}
