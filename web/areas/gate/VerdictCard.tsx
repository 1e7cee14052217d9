// The verdict: a band with colour, icon and words that stays in view (sticky) while the temperature
// is taken, then what it rests on. Only green is green; "check by hand" is amber; what must not
// pass is red; a code not shown live (a screenshot, a replay) has a colour, icon and sound of its own.
// Announced by the gate page's own live region (GatePage), so the same verdict twice is heard twice.

import type { ComponentChildren } from 'preact';
import type { Verdict } from '../../../shared/code/verify.js';
import { ago, formatTime, reasonText } from '../../i18n/index.js';
import { t } from './strings.js';
import { ICON, presenceKey, titleKey, toneOf } from './verdicts.js';

function reasonOf(v: Verdict, at: number): string | null {
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
    case 'replay':
      return t(`verdict.replay.${v.because}`, { ago: v.provedAt === null ? '' : ago(v.provedAt, at) });
    case 'malformed':
      return t('verdict.scanAgain');
    default:
      return null;
  }
}

/** The band: colour, icon, title and how the code was shown. Its own element, so it can stick to the top. */
export function VerdictBand({ verdict }: { verdict: Verdict }) {
  const tone = toneOf(verdict);
  const presence = presenceKey(verdict);
  const name = 'code' in verdict ? verdict.code.maskedName : null;
  return (
    <div class={`verdict-band tone-${tone}`} data-testid="verdict" data-verdict={verdict.kind} data-presence={'presence' in verdict ? verdict.presence : ''}>
      <span class="verdict-icon" aria-hidden="true">
        {ICON[tone]}
      </span>
      <div class="verdict-words">
        <strong class="verdict-title" data-testid="verdict-title">
          {t(titleKey(verdict))}
        </strong>
        {(presence || name) && (
          <span class="verdict-sub">
            {presence && (
              <span class={`verdict-presence presence-${'presence' in verdict ? verdict.presence : ''}`} data-testid="verdict-presence">
                {t(presence)}
              </span>
            )}
            {name && <span class="verdict-name">{t('verdict.name', { name })}</span>}
          </span>
        )}
      </div>
    </div>
  );
}

/**
 * What the verdict rests on: the reason, the masked name, the lists' and code's ages. `children`:
 * more about this verdict from other parts of the gate (a red code's handling guidance).
 */
export function VerdictDetails({ verdict, at, children }: { verdict: Verdict; at: number; children?: ComponentChildren }) {
  const tone = toneOf(verdict);
  const reason = reasonOf(verdict, at);
  const { basis } = verdict;
  const listAge = (ms: number | null) => (ms === null ? t('lists.missing') : ago(at - ms, at));
  return (
    <div class={`verdict-details tone-${tone}`}>
      {reason && (
        <p class="verdict-reason" data-testid="verdict-reason">
          {reason}
        </p>
      )}
      {children}
      <p class="verdict-basis">
        {t('verdict.basis', { trust: listAge(basis.trustAgeMs), red: listAge(basis.redListAgeMs) })}
        {basis.codeAgeMs !== null && ` · ${t('verdict.codeAge', { ago: ago(at - basis.codeAgeMs, at) })}`}
      </p>
    </div>
  );
}
