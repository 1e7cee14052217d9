// The holder's code: colour band with icon and words, the QR large, the masked name (the switch
// between members), a live clock, how fresh it is, and whether the phone is offline. Works from the
// device's copy with no network. An expired copy turns the whole card grey and says so; the screen
// stays awake while a code is shown; the QR's text alternative says whose code it is, its colour
// and how long it is valid.

import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { offline as appOffline } from '../../app/network.js';
import { me, signOut } from '../../app/session.js';
import { ago, errorText, formatTime, reasonText } from '../../i18n/index.js';
import { Clock } from '../../ui/Clock.js';
import { SignOutButton } from '../../ui/SignOutButton.js';
import { useNow } from '../../ui/useNow.js';
import { LiveQr } from './LiveQr.js';
import type { NationalNotice as NationalNoticeType } from '../../ui/NationalNotice.js';
import type { MemberSwitch as MemberSwitchType } from './MemberSwitch.js';
import { codeError, codeFetching, codeKey, codeOffline, members, myCode, refreshCode, showMember, shownMember, watchMyCode } from './state.js';
import { t } from './strings.js';

export default function CodePage() {
  const user = me.value;
  const userId = user?.id;
  // Before the first paint: the saved code the app read at start is in that first frame.
  useLayoutEffect(() => (userId ? watchMyCode(userId) : undefined), [userId]);
  const now = useNow(15_000);
  const row = myCode.value;
  const offline = appOffline.value || codeOffline.value;
  const expired = !!row && now >= row.code.expiresAt;
  const showing = !!row && !expired;
  // The screen stays on while a code is shown; the wake lock and the member switch come after
  // first paint (their own chunks), so the code is on screen before they load.
  useEffect(() => {
    if (!showing) return;
    let stop: (() => void) | undefined;
    let gone = false;
    void import('../../ui/wake-lock.js').then((m) => {
      if (!gone) stop = m.keepScreenOn();
    }, () => undefined);
    return () => {
      gone = true;
      stop?.();
    };
  }, [showing]);
  // A disagreement with the national platform is explained in a chunk of its own, loaded only then.
  const disagrees = !!row?.code.national?.disagreement;
  const [Notice, setNotice] = useState<typeof NationalNoticeType | null>(null);
  useEffect(() => {
    if (disagrees && !Notice) void import('../../ui/NationalNotice.js').then((m) => setNotice(() => m.NationalNotice), () => undefined);
  }, [disagrees]);
  // Each visit to this page with a code on it is a display (亮码) for the records of whoever's code
  // it is (a family member's when the switch shows theirs), noted offline too. Its own chunk (the
  // records API's schemas), loaded after the code is on screen.
  const noted = useRef<string | null | undefined>(undefined);
  const memberId = shownMember.value;
  useEffect(() => {
    if (!showing || !userId || noted.current === memberId) return;
    noted.current = memberId;
    void import('../../app/displays.js').then((m) => m.noteCodeShown(userId, memberId, codeKey(userId, memberId)), () => undefined);
  }, [showing, userId, memberId]);
  const [MemberSwitch, setMemberSwitch] = useState<typeof MemberSwitchType | null>(null);
  const hasMembers = members.value.length > 1;
  useEffect(() => {
    if (hasMembers && !MemberSwitch) void import('./MemberSwitch.js').then((m) => setMemberSwitch(() => m.MemberSwitch), () => undefined);
  }, [hasMembers]);

  if (!userId) return null;
  const familyLink = (
    <a class="btn btn-quiet family-link" href="/family" data-testid="family-link">
      {t('member.manage')}
    </a>
  );
  if (!row) {
    return (
      <section class="card stack center">
        <h1 class="sr-only">{t('code.title')}</h1>
        {user.maskedName === null ? (
          // Signed in by phone, no identity bound yet: that comes first.
          <a class="btn btn-primary" href="/identity" data-testid="bind-identity">
            {t('code.bindIdentity')}
          </a>
        ) : row === undefined || codeFetching.value ? (
          <p>{t('code.loading')}</p>
        ) : (
          <>
            <p>{codeError.value ? errorText(codeError.value.code, codeError.value.retryAfterSec) : t('code.none')}</p>
            <button type="button" class="btn btn-primary" onClick={() => void refreshCode(userId, true)}>
              {t('code.refresh')}
            </button>
          </>
        )}
        {hasMembers && MemberSwitch && <MemberSwitch members={members.value} shownId={shownMember.value} maskedName="…" onPick={(id) => void showMember(userId, id)} />}
        <SignOutButton onClick={() => void signOut()} />
      </section>
    );
  }

  const { code, fetchedAt } = row;
  const green = code.status === 'green';
  const tone = expired ? 'is-expired' : green ? 'is-green' : 'is-red';
  const statusWord = green ? t('code.green') : t('code.red');
  const qrLabel = expired
    ? t('code.qrLabelExpired', { name: code.maskedName })
    : t('code.qrLabel', { name: code.maskedName, status: statusWord, time: formatTime(code.expiresAt) });
  return (
    <section class={`code-page ${tone}`} data-testid="my-code" data-status={code.status} data-expired={expired ? 'true' : undefined}>
      <h1 class="sr-only">{t('code.title')}</h1>
      <div class="code-band" role="status">
        <span class="code-icon" aria-hidden="true">
          {expired ? '!' : green ? '✓' : '✕'}
        </span>
        <div>
          <strong class="code-status" data-testid="code-status">
            {expired ? t('code.expiredTitle') : statusWord}
          </strong>
          <span class="code-hint">{expired ? t('code.expiredHint') : green ? t('code.greenHint') : t('code.redHint')}</span>
        </div>
      </div>
      {!green && !expired && (
        <p class="code-reason" data-testid="code-reason">
          {t('code.reason', { reason: reasonText(code.reason) })}
        </p>
      )}
      <div class="code-body">
        <p class="code-name">
          <span class="sr-only">{t('code.name')}</span>
          {MemberSwitch ? (
            <MemberSwitch members={members.value} shownId={shownMember.value} maskedName={code.maskedName} onPick={(id) => void showMember(userId, id)} />
          ) : (
            <span data-testid="masked-name">{code.maskedName}</span>
          )}
          <span class="code-kind">{t(`code.kind.${code.kind}`)}</span>
        </p>
        <Clock testId="code-clock" />
        <LiveQr frameClass="qr-frame" text={code.text} path={row.qr} label={qrLabel} testId="code-qr" />
        <p class="code-meta">
          <span data-testid="code-updated">{t('code.updated', { ago: ago(fetchedAt, now) })}</span>
          <span>{t('code.expiresAt', { time: formatTime(code.expiresAt) })}</span>
        </p>
        {offline && (
          <p class="chip chip-offline" data-testid="code-offline">
            {t('code.offline')}
          </p>
        )}
        {codeError.value && <p class="error">{errorText(codeError.value.code, codeError.value.retryAfterSec)}</p>}
      </div>
      {/* Below the QR: the code stays where a gate scans it, the explanation is one scroll away. */}
      {Notice && code.national && !expired && <Notice national={code.national} local={code.status} />}
      {familyLink}
      <SignOutButton onClick={() => void signOut()} />
    </section>
  );
}
