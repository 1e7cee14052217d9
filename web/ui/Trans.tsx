// A translated sentence with elements in its placeholders ("Trust list: {age}" with the age in a
// span of its own), so word order stays the translator's and tests can find the value.

import type { ComponentChild } from 'preact';

/** `text` is already translated, placeholders and all: each area passes its own table's words. */
export function Trans({ text, values }: { text: string; values: Record<string, ComponentChild> }) {
  const parts = text.split(/(\{\w+\})/);
  return <>{parts.map((p) => (/^\{\w+\}$/.test(p) ? values[p.slice(1, -1)] : p))}</>;
}
