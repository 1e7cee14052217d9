// What the gate's verdicts rest on and what this phone did today: the age of the trust list and
// red list (with a warning past 72 h), the phone's clock when it is behind the lists' signing time,
// whether storage is persistent (with the install button where adding to the home screen helps),
// and today's tally.

import { DEFAULT_MAX_LIST_AGE_MS } from '../../../shared/code/verify.js';
import { persistStatus } from '../../app/persist.js';
import { ago, errorText } from '../../i18n/index.js';
import { Trans } from '../../ui/Trans.js';
import { useNow } from '../../ui/useNow.js';
import { gateClock } from './clock.js';
import { InstallButton } from './GateSettings.js';
import { listsError, redList, trustStore } from './lists.js';
import { t } from './strings.js';
import { refused } from './today.js';
import { tally } from './uploads.js';

function ListAge({ issuedAt, testId, k, now }: { issuedAt: number | undefined; testId: string; k: 'lists.trust' | 'lists.redList'; now: number }) {
  const stale = issuedAt === undefined || now - issuedAt > DEFAULT_MAX_LIST_AGE_MS;
  return (
    <span class={`chip ${stale ? 'chip-warn' : 'chip-ok'}`}>
      <Trans
        text={t(k)}
        values={{ age: issuedAt === undefined ? t('lists.missing') : <span data-testid={testId}>{ago(issuedAt, now)}</span> }}
      />
    </span>
  );
}

/** The phone's clock is behind the lists' signing time: codes are judged at that time, and the inspector should set the clock. */
export function ClockWarning() {
  const deviceNow = useNow(15_000);
  const clock = gateClock(deviceNow);
  if (!clock.warn) return null;
  return (
    <p class="banner banner-warn" role="alert" data-testid="clock-warning">
      {t('clock.gateBehind', { by: t('clock.minutes', { n: Math.max(1, Math.round(clock.behindByMs / 60_000)) }) })}
    </p>
  );
}

export function GateStatus() {
  const { now } = gateClock(useNow(30_000));
  const trustAt = trustStore.value?.issuedAt;
  const redAt = redList.value?.issuedAt;
  const stale = [trustAt, redAt].some((at) => at === undefined || now - at > DEFAULT_MAX_LIST_AGE_MS);
  const { scanned, fever, notGreen } = tally.value;
  const persist = persistStatus.value;
  return (
    <section class="gate-status">
      <p class="tally" data-testid="tally-today">
        {t('gate.tally', { scanned, fever, notGreen, refused: refused.value.length })}
      </p>
      <div class="chips">
        <ListAge issuedAt={trustAt} testId="trust-age" k="lists.trust" now={now} />
        <ListAge issuedAt={redAt} testId="redlist-age" k="lists.redList" now={now} />
      </div>
      {stale && (
        <p class="banner banner-warn" role="alert">
          {t('lists.stale')}
        </p>
      )}
      {listsError.value && listsError.value !== 'network' && listsError.value !== 'timeout' && (
        <p class="muted small">{t('lists.refreshFailed', { msg: errorText(listsError.value) })}</p>
      )}
      {persist && (
        <p class={`muted small persist-${persist}`} data-testid="persist-status">
          {t(`persist.${persist}`)}
        </p>
      )}
      {persist && persist !== 'granted' && <InstallButton />}
    </section>
  );
}
