// The devices signed in to this account: what each is, when it signed in and was last used, whether
// it is remembered for 30 days; end one, end all others, or stop remembering one.

import { useEffect } from 'preact/hooks';
import { useSignal } from '@preact/signals';
import type { DeviceSession } from '../../../shared/api/account.js';
import { offline } from '../../app/network.js';
import { ago, errorText, formatTime } from '../../i18n/index.js';
import { useNow } from '../../ui/useNow.js';
import { busy, devices, devicesError, endDevice, endOtherDevices, forgetDevice, loadDevices } from './state.js';
import { t } from './strings.js';

function label(s: DeviceSession): string {
  const kind = s.mobile ? t('devices.mobile') : t('devices.computer');
  if (!s.browser && !s.os) return t('devices.unknown');
  return t('devices.label', { browser: s.browser ?? kind, os: s.os ?? kind });
}

function Device({ s, now }: { s: DeviceSession; now: number }) {
  const headingId = `device-${s.id}`;
  return (
    <li class="device card stack" data-testid="device" data-current={s.current ? 'yes' : 'no'} aria-labelledby={headingId}>
      <h3 id={headingId} class="device-name">
        {label(s)}
        {s.current && <span class="chip chip-ok">{t('devices.this')}</span>}
      </h3>
      <p class="muted small">
        {t('devices.firstSeen', { time: formatTime(s.firstSeenAt) })} · {t('devices.lastSeen', { ago: ago(s.lastSeenAt, now) })}
      </p>
      <p class="small" data-testid="device-remembered" data-remembered={s.remembered ? 'yes' : 'no'}>
        {s.remembered ? t('devices.remembered', { time: formatTime(s.expiresAt) }) : t('devices.notRemembered', { time: formatTime(s.expiresAt) })}
      </p>
      <div class="row">
        {s.remembered && (
          <button type="button" class="btn btn-small" data-testid="forget-device" disabled={busy.value} onClick={() => void forgetDevice(s)}>
            {t('devices.forget')}
          </button>
        )}
        <button type="button" class="btn btn-small" data-testid="end-device" disabled={busy.value} onClick={() => void endDevice(s)}>
          {s.current ? t('devices.endThis') : t('devices.end')}
        </button>
      </div>
      {s.remembered && s.current && <p class="muted small">{t('devices.forgetHint')}</p>}
    </li>
  );
}

export function DevicesSection() {
  const now = useNow(30_000);
  const endedOthers = useSignal<number | null>(null);
  useEffect(() => {
    void loadDevices();
  }, []);
  const list = devices.value;
  const others = list?.filter((s) => !s.current).length ?? 0;
  return (
    <section class="stack" aria-labelledby="devices-title" data-testid="devices">
      <h2 id="devices-title">{t('devices.title')}</h2>
      <p class="muted">{t('devices.intro')}</p>
      {devicesError.value && (
        <p class="error" role="alert" data-testid="devices-error">
          {offline.value ? t('devices.offline') : errorText(devicesError.value.code, devicesError.value.retryAfterSec)}{' '}
          <button type="button" class="btn btn-link" onClick={() => void loadDevices()}>
            {t('devices.retry')}
          </button>
        </p>
      )}
      {list === undefined ? (
        !devicesError.value && <p>{t('devices.loading')}</p>
      ) : (
        <>
          <ul class="device-list stack">
            {list.map((s) => (
              <Device key={s.id} s={s} now={now} />
            ))}
          </ul>
          {others > 0 ? (
            <button
              type="button"
              class="btn btn-block"
              data-testid="end-other-devices"
              disabled={busy.value}
              onClick={async () => {
                endedOthers.value = (await endOtherDevices()) ?? null;
              }}
            >
              {t('devices.endOthers')}
            </button>
          ) : (
            <p class="muted">{t('devices.onlyThis')}</p>
          )}
          <p role="status" class="muted">
            {endedOthers.value !== null ? t('devices.endedOthers', { n: endedOthers.value }) : ''}
          </p>
        </>
      )}
    </section>
  );
}
