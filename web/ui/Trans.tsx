// A translated sentence with elements in its placeholders ("Trust list: {age}" with the age in a
// span of its own), so word order stays the translator's and tests can find the value.

import type { ComponentChild } from 'preact';
import { t, type MessageKey } from '../i18n/index.js';

export function Trans({ k, values }: { k: MessageKey; values: Record<string, ComponentChild> }) {
  const parts = t(k).split(/(\{\w+\})/);
  return <>{parts.map((p) => (/^\{\w+\}$/.test(p) ? values[p.slice(1, -1)] : p))}</>;
}
