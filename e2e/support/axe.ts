// Accessibility checks with axe-core: the serious and critical findings on the page as it is now,
// and landmarks that share a name (axe calls that moderate, but a screen reader's list of regions
// then offers the same name twice), as short lines a failing test can print.

import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';

const ALWAYS = ['landmark-unique'];

export async function seriousA11yFindings(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).analyze();
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical' || ALWAYS.includes(v.id))
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}
