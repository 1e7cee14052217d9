// The notice a person sees when the national platform's health code disagrees with this one: what
// each shows, which applies here, and what to do (shared/national-guidance.ts). The code page loads
// it only when there is a disagreement; the records page shows it too.

import type { NationalView } from '../../shared/national.js';
import { nationalGuidanceFor, nationalSummary } from '../../shared/national-guidance.js';
import { formatTime, lang } from '../i18n/index.js';

export function NationalNotice({ national, local }: { national: NationalView; local: 'green' | 'red' }) {
  if (!national.disagreement) return null;
  const l = lang.value === 'en' ? 'en' : 'zh-CN';
  const guidance = nationalGuidanceFor(national.disagreement, l);
  return (
    <section class="card stack banner-warn national-notice" aria-labelledby="national-notice-title" data-testid="national-notice" data-disagreement={national.disagreement}>
      <h2 id="national-notice-title">{guidance.title}</h2>
      <p>{nationalSummary(national.state, local, formatTime(national.asOf), l)}</p>
      <ol class="stack">
        {guidance.steps.map((s) => (
          <li key={s}>{s}</li>
        ))}
      </ol>
    </section>
  );
}

export default NationalNotice;
