// Under a red verdict: what the inspector does (not admit) and what to tell the person — the same
// handling steps for that red reason the holder's own page shows (shared/guidance.ts).

import type { Verdict } from '../../../shared/code/verify.js';
import { guidanceFor } from '../../../shared/guidance.js';
import { lang } from '../../i18n/index.js';
import { t } from './strings.js';

export function RedGuidance({ verdict }: { verdict: Verdict }) {
  if (verdict.kind !== 'red' && verdict.kind !== 'red-listed') return null;
  const guidance = verdict.kind === 'red' ? guidanceFor(verdict.reason, lang.value === 'en' ? 'en' : 'zh-CN') : undefined;
  return (
    <div class="red-guidance" data-testid="red-guidance">
      <p class="red-guidance-do">{t('guidance.doNotAdmit')}</p>
      {guidance ? (
        <details>
          <summary>{t('guidance.tellThem', { title: guidance.title })}</summary>
          <ol>
            {guidance.steps.map((step) => (
              <li key={step}>{step}</li>
            ))}
          </ol>
        </details>
      ) : (
        <p>{t('guidance.redListed')}</p>
      )}
    </div>
  );
}
