// /declare (and /join#HGO1:…): a holder's daily health declaration — today's state per target,
// the form, their organisations (join by code, leave) and the last 14 days' declarations, the
// superseded ones marked. A guardian switches the page to a family member with the code page's
// member switch, and joins and declares for them (a child at school has no phone). Opens from the
// phone's copy offline; a declaration made offline waits on the phone and is sent later.
// Travellers' web code has no declaration: the page says so.

import { useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import type { DeclarationBody, MyDeclaration } from '../../../shared/api/declarations.js';
import { localDay } from '../../../shared/time.js';
import { offline, onResume } from '../../app/network.js';
import { me } from '../../app/session.js';
import { errorText, formatClockTime, formatTime, lang } from '../../i18n/index.js';
import { MemberSwitch } from '../../ui/MemberSwitch.js';
import { DeclarationForm } from './DeclarationForm.js';
import { OrgsSection } from './OrgsSection.js';
import { declare, family, fetchedAt, forMember, joinCodeIn, loadError, loadFamily, loadMine, mine, queued, sendQueued, showFor } from './state.js';
import { t } from './strings.js';
import './declare.css';

const DEFAULT_ZONE = 'Asia/Shanghai';

function summary(d: Pick<MyDeclaration, 'symptoms' | 'temperature' | 'travel' | 'travelWhere' | 'keyContact'>): string {
  return [
    d.symptoms.length ? d.symptoms.map((s) => t(`symptom.${s}`)).join(lang.value === 'en' ? ', ' : '、') : t('history.noSymptoms'),
    `${d.temperature.toFixed(1)} °C`,
    ...(d.travel ? [t('history.travel', { where: d.travelWhere })] : []),
    ...(d.keyContact ? [t('history.keyContact')] : []),
  ].join(' · ');
}

export default function DeclarePage() {
  const userId = me.value?.id ?? '';
  // Signed in by phone with no identity bound yet: there is nobody to declare for until there is.
  const unbound = me.value?.maskedName === null;
  const notice = useSignal<{ kind: 'ok' | 'warn' | 'error'; text: string } | null>(null);
  // A join link carries the code in its fragment (never sent to a server).
  const linkCode = typeof location !== 'undefined' ? joinCodeIn(decodeURIComponent(location.hash.slice(1))) : undefined;
  useEffect(() => {
    if (!userId || unbound) return;
    void loadMine(userId);
    void loadFamily(userId);
    return onResume(() => void sendQueued(userId).then(() => loadMine(userId)));
  }, [userId, unbound]);

  if (unbound) {
    return (
      <section class="card stack declare-page" data-testid="declare-unbound">
        <h1>{t('declare.title')}</h1>
        <p>{t('declare.unbound')}</p>
        <a class="btn btn-primary" href="/identity" data-testid="declare-bind-identity">
          {t('declare.bindIdentity')}
        </a>
      </section>
    );
  }
  // Whom the page is for, and the switch to another family member (only when there is one).
  const shownId = forMember.value;
  const shown = family.value.find((m) => (shownId === null ? m.relation === 'self' : m.id === shownId));
  const forWhom =
    family.value.length > 1 ? (
      <p class="declare-for" data-testid="declare-for">
        <span>{t('declare.for')}</span>{' '}
        <MemberSwitch members={family.value} shownId={shownId} maskedName={shown?.maskedName ?? me.value?.maskedName ?? ''} onPick={(id) => void showFor(userId, id)} switchLabel={t('declare.switch')} relationText={(relation) => t(`member.relation.${relation}`)} />
      </p>
    ) : null;

  const data = mine.value;
  if (data === undefined) return <p class="page-loading">{t('declare.loading')}</p>;
  if (data === null) {
    return (
      <section class="card stack declare-page">
        <h1>{t('declare.title')}</h1>
        {forWhom}
        <p class="error" role="alert">
          {errorText(loadError.value ?? 'network')}
        </p>
        <button type="button" class="btn" onClick={() => void loadMine(userId)}>
          {t('declare.retry')}
        </button>
      </section>
    );
  }
  if (!data.canDeclare) {
    return (
      <section class="card stack declare-page" data-testid="declare-traveller">
        <h1>{t('declare.title')}</h1>
        {forWhom}
        <p>{t('declare.traveller')}</p>
      </section>
    );
  }

  const now = Date.now();
  const zoneOf = (orgId: string) => data.memberships.find((m) => m.orgId === orgId)?.timeZone ?? DEFAULT_ZONE;
  const todayOf = (orgId: string): MyDeclaration | undefined =>
    data.declarations.find((d) => (d.orgId ?? '') === orgId && !d.superseded && d.day === localDay(now, zoneOf(orgId)));
  const targets = [...data.memberships.map((m) => ({ id: m.orgId, name: m.orgName })), { id: '', name: t('declare.self') }];
  // The queue is the account's; each waiting declaration names the member it is for.
  const waiting = queued.value.filter((q) => (q.memberId ?? null) === shownId);

  async function submit(body: DeclarationBody) {
    notice.value = null;
    const result = await declare(userId, body);
    if (result.kind === 'sent') {
      notice.value = { kind: 'ok', text: result.supersedes ? t('declare.sentSupersedes', { time: formatClockTime(result.supersedes.declaredAt) }) : t('declare.sent') };
    } else if (result.kind === 'queued') notice.value = { kind: 'warn', text: t('declare.queued') };
    else notice.value = { kind: 'error', text: t('declare.refused', { reason: errorText(result.failure.code, result.failure.retryAfterSec) }) };
  }

  return (
    <div class="stack declare-page" data-testid="declare-page">
      <section class="card stack" aria-labelledby="declare-title">
        <h1 id="declare-title">{t('declare.title')}</h1>
        {forWhom}
        {(offline.value || loadError.value) && fetchedAt.value && (
          <p class="chip chip-offline" data-testid="declare-offline">
            {t('declare.offline')}
          </p>
        )}
        <h2>{t('declare.today')}</h2>
        <ul class="stack plain-list" data-testid="declare-today">
          {targets.map((target) => {
            const d = todayOf(target.id);
            return (
              <li key={target.id} data-testid="today-item" data-declared={d ? 'yes' : 'no'} class={d ? 'today-done' : 'today-none'}>
                {d ? t('declare.todayDone', { to: target.name, time: formatClockTime(d.declaredAt) }) : t('declare.todayNone', { to: target.name })}
              </li>
            );
          })}
        </ul>
        {waiting.length > 0 && (
          <p class="chip chip-warn" data-testid="declare-pending">
            {t('declare.pending', { n: waiting.length })}
          </p>
        )}
      </section>

      <section class="card stack" aria-labelledby="declare-form-title">
        <h2 id="declare-form-title">{t('declare.form')}</h2>
        <DeclarationForm memberships={data.memberships} declaredToday={(orgId) => todayOf(orgId) !== undefined} onSubmit={submit} />
        {notice.value && (
          <p class={notice.value.kind === 'error' ? 'error' : `chip ${notice.value.kind === 'ok' ? 'chip-ok' : 'chip-warn'}`} role={notice.value.kind === 'error' ? 'alert' : 'status'} data-testid="declare-notice">
            {notice.value.text}
          </p>
        )}
      </section>

      <OrgsSection userId={userId} memberships={data.memberships} initialCode={linkCode} forName={shownId === null ? undefined : shown?.maskedName} />

      <section class="card stack" aria-labelledby="history-title" data-testid="declare-history">
        <h2 id="history-title">{t('history.title')}</h2>
        {data.declarations.length === 0 && waiting.length === 0 ? (
          <p class="muted">{t('history.none')}</p>
        ) : (
          <ul class="stack plain-list">
            {waiting.map((q) => (
              <li key={q.id} data-testid="history-item" data-state="queued">
                <strong>{formatTime(q.declaredAt)}</strong> · {data.memberships.find((m) => m.orgId === q.orgId)?.orgName ?? t('declare.self')} — {summary(q)} <span class="chip chip-warn">{t('history.queued')}</span>
              </li>
            ))}
            {data.declarations.map((d) => (
              <li key={d.id} data-testid="history-item" data-state={d.superseded ? 'superseded' : 'latest'} class={d.superseded ? 'superseded' : undefined}>
                <strong>{formatTime(d.declaredAt)}</strong> · {d.orgName ?? t('declare.self')} — {summary(d)}{' '}
                <span class={`chip ${d.superseded ? 'chip-muted' : 'chip-ok'}`}>{d.superseded ? t('history.superseded') : t('history.latest')}</span>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
