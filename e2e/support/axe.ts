// Accessibility checks with axe-core: the serious and critical findings on the page as it is now,
// as short lines a failing test can print.

import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';

export async function seriousA11yFindings(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).analyze();
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}
