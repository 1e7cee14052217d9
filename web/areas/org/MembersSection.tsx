// The organisation's members, by the label each gave and their tag (never a name, phone or
// document number), with when they joined, and removing one (after a confirmation).

import { useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import { errorText, formatTime } from '../../i18n/index.js';
import { loadMembers, members, removeMember } from './state.js';
import { t } from './strings.js';

export function MembersSection() {
  const failure = useSignal<string | null>(null);
  const notice = useSignal<string | null>(null);
  useEffect(() => {
    void loadMembers().then((f) => (failure.value = f ? errorText(f.code) : null));
  }, []);
  const list = members.value;
  return (
    <section class="card stack" aria-labelledby="members-title" data-testid="org-members">
      <h2 id="members-title">{t('members.title')}</h2>
      <p class="muted small">{t('members.intro')}</p>
      {failure.value && (
        <p class="error" role="alert">
          {failure.value}
        </p>
      )}
      {notice.value && (
        <p class="chip chip-ok" role="status" data-testid="members-notice">
          {notice.value}
        </p>
      )}
      {list === undefined ? (
        <p class="page-loading">{t('org.loading')}</p>
      ) : list.length === 0 ? (
        <p class="muted">{t('day.noMembers')}</p>
      ) : (
        <ul class="stack plain-list">
          {list.map((m) => (
            <li key={m.tag} class="row membership" data-testid="org-member" data-tag={m.tag}>
              <div>
                <strong>{m.label}</strong> <span class="code-text small">{m.tag}</span>
                <div class="muted small">
                  {t('members.joined')} {formatTime(m.joinedAt)}
                </div>
              </div>
              <button
                type="button"
                class="btn btn-small"
                data-testid="org-member-remove"
                onClick={async () => {
                  if (!window.confirm(t('members.removeConfirm', { label: m.label, tag: m.tag }))) return;
                  const failed = await removeMember(m.tag);
                  if (failed) failure.value = errorText(failed.code);
                  else notice.value = t('members.removed', { label: m.label });
                }}
              >
                {t('members.remove')}
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
