// /org: an organisation admin's desktop page. Before the organisation exists, the registration
// form; after, its details and join code (QR of the join link, text, a poster to print), the
// day's declarations (who has and has not declared, symptoms, fever; by date; CSV and XLSX), the
// members by label and tag with removal, and the weekly change. Lazily loaded, never precached.

import { useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import { signOut } from '../../app/session.js';
import { errorText, lang } from '../../i18n/index.js';
import { Qr } from '../../ui/Qr.js';
import { SignOutButton } from '../../ui/SignOutButton.js';
import { DayTable } from './DayTable.js';
import { MembersSection } from './MembersSection.js';
import { OrgForm } from './OrgForm.js';
import { editOrg, loadDay, loadError, loadOrg, org, registerOrg, type Failure } from './state.js';
import { t } from './strings.js';
import './org.css';

/** "Monday 7 December 00:00" in the organisation's zone and the page's language. */
function editDate(at: number, timeZone: string): string {
  return new Intl.DateTimeFormat(lang.value, { weekday: 'long', month: 'long', day: 'numeric', hour: '2-digit', minute: '2-digit', hour12: false, timeZone }).format(at);
}

/** The link a member's phone camera opens: the code rides in the fragment, never in a server log. */
export const joinLink = (code: string): string => `${location.origin}/join#${code}`;

export default function OrgPage() {
  const editing = useSignal(false);
  const notice = useSignal<string | null>(null);
  useEffect(() => void loadOrg(), []);
  const current = org.value;
  const id = current?.id;
  useEffect(() => {
    if (id) void loadDay();
  }, [id]);

  if (current === undefined) {
    return loadError.value ? (
      <section class="card stack">
        <h1>{t('org.title')}</h1>
        <p class="error" role="alert">
          {errorText(loadError.value)}
        </p>
        <button type="button" class="btn" onClick={() => void loadOrg()}>
          {t('org.retry')}
        </button>
      </section>
    ) : (
      <p class="page-loading">{t('org.loading')}</p>
    );
  }

  if (current === null) {
    return (
      <section class="card stack org-page" data-testid="org-register">
        <h1>{t('org.registerTitle')}</h1>
        <p class="muted">{t('org.registerIntro')}</p>
        <OrgForm
          submitLabel={t('org.register')}
          onSubmit={async (values) => {
            const failed = await registerOrg(values);
            if (!failed) notice.value = t('org.registered');
            return failed;
          }}
        />
        <SignOutButton class="btn" onClick={() => void signOut()} />
      </section>
    );
  }

  const tooSoon = (f: Failure) => (f.code === 'org_edit_too_soon' && f.retryAfterSec ? t('org.editRefused', { when: editDate(Date.now() + f.retryAfterSec * 1000, current.timeZone) }) : undefined);

  return (
    <div class="stack org-page" data-testid="org-details">
      <section class="card stack org-head">
        <h1>{current.name}</h1>
        {notice.value && (
          <p class="chip chip-ok" role="status" data-testid="org-notice">
            {notice.value}
          </p>
        )}
        <dl class="facts">
          <dt>{t('org.kind')}</dt>
          <dd>{t(`kind.${current.kind}`)}</dd>
          <dt>{t('org.area')}</dt>
          <dd data-testid="org-area-label">
            {current.areaLabel ?? '—'}
            {current.areaLevel && ` · ${t(`org.level.${current.areaLevel}`)}`}
          </dd>
          <dt>{t('org.adminPhone')}</dt>
          <dd>{current.adminPhoneMasked}</dd>
          <dt>{t('org.members')}</dt>
          <dd data-testid="org-member-count">{t('org.memberCount', { n: current.members })}</dd>
        </dl>
      </section>

      <section class="card stack" aria-labelledby="day-title">
        <h2 id="day-title">{t('day.title')}</h2>
        <DayTable />
      </section>

      <div class="org-columns">
        <section class="card stack declaration" aria-labelledby="join-title">
          <h2 id="join-title">{t('org.joinCode')}</h2>
          <div class="declaration-qr">
            <Qr text={joinLink(current.joinCode)} label={t('org.qrLabel', { code: current.joinCode })} testId="org-join-qr" />
          </div>
          <p class="code-text" data-testid="org-join-code">
            {current.joinCode}
          </p>
          <p class="muted small">{t('org.joinHint')}</p>
          <a class="btn" href="/org/poster" data-testid="org-poster-link">
            {t('org.poster')}
          </a>
        </section>
        <MembersSection />
      </div>

      <section class="card stack" aria-labelledby="edit-title">
        <h2 id="edit-title">{t('org.edit')}</h2>
        <p class="muted small">{t('org.editRule')}</p>
        {current.nextEditFrom !== null && (
          <p class="muted" data-testid="org-edit-from">
            {t('org.editFrom', { when: editDate(current.nextEditFrom, current.timeZone) })}
          </p>
        )}
        {editing.value ? (
          <OrgForm
            current={current}
            submitLabel={t('org.save')}
            describeFailure={tooSoon}
            onCancel={() => (editing.value = false)}
            onSubmit={async (values) => {
              const failed = await editOrg(values);
              if (!failed) {
                editing.value = false;
                notice.value = t('org.saved');
              }
              return failed;
            }}
          />
        ) : (
          <button type="button" class="btn" data-testid="org-edit" onClick={() => (editing.value = true)}>
            {t('org.edit')}
          </button>
        )}
      </section>
      <SignOutButton class="btn" onClick={() => void signOut()} />
    </div>
  );
}
