// The verdict, big: colour, icon and words, announced at once. Only green is green; anything the
// device cannot confirm is amber, and anything that must not pass is red.

import type { Verdict, VerdictKind } from '../../../shared/code/verify.js';
import { ago, formatTime, reasonText } from '../../i18n/index.js';
import { t } from './strings.js';

type Tone = 'green' | 'red' | 'amber';
const TONE: Record<VerdictKind, Tone> = {
  green: 'green',
  red: 'red',
  'red-listed': 'red',
  'bad-signature': 'red',
  'unknown-key': 'red',
  'cannot-confirm': 'amber',
  expired: 'amber',
  'not-yet-valid': 'amber',
  malformed: 'amber',
  // Amber, not red: a holder phone with a wrong clock lands here too, not only a screenshot.
  replay: 'amber',
};
const ICON: Record<Tone, string> = { green: '✓', red: '✕', amber: '!' };

function reasonOf(v: Verdict): string | null {
  switch (v.kind) {
    case 'red':
      return reasonText(v.reason);
    case 'red-listed':
      return t('verdict.redListed');
    case 'cannot-confirm':
      return t(`verdict.because.${v.because}`);
    case 'unknown-key':
      return v.withdrawn ? t('verdict.withdrawn') : t('verdict.keyUnknown');
    case 'expired':
      return t('verdict.expiredAt', { time: formatTime(v.code.expiresAt) });
    default:
      return null;
  }
}

export function VerdictCard({ verdict, at }: { verdict: Verdict; at: number }) {
  const tone = TONE[verdict.kind];
  const reason = reasonOf(verdict);
  const code = 'code' in verdict ? verdict.code : undefined;
  const { basis } = verdict;
  const listAge = (ms: number | null) => (ms === null ? t('lists.missing') : ago(at - ms, at));
  return (
    <div class={`verdict tone-${tone}`} data-testid="verdict" data-verdict={verdict.kind} role="alert" aria-live="assertive">
      <div class="verdict-head">
        <span class="verdict-icon" aria-hidden="true">
          {ICON[tone]}
        </span>
        <strong class="verdict-title">{t(`verdict.${verdict.kind}`)}</strong>
      </div>
      {reason && (
        <p class="verdict-reason" data-testid="verdict-reason">
          {reason}
        </p>
      )}
      {code && <p class="verdict-name">{t('verdict.name', { name: code.maskedName })}</p>}
      <p class="verdict-basis">
        {t('verdict.basis', { trust: listAge(basis.trustAgeMs), red: listAge(basis.redListAgeMs) })}
        {basis.codeAgeMs !== null && ` · ${t('verdict.codeAge', { ago: ago(at - basis.codeAgeMs, at) })}`}
      </p>
    </div>
  );
}
