// /venue/members: the venue's inspectors by tag (never a name or phone), unbinding any of them, and
// handing the manager role over to another phone (更换绑定).

import { useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import * as v from 'valibot';
import { PhoneSchema } from '../../../shared/api/auth.js';
import { errorText, formatTime } from '../../i18n/index.js';
import { handOver, inspectors, loadInspectors, loadVenue, unbindInspector, venue } from './state.js';
import { t } from './strings.js';

export default function MembersPage() {
  const error = useSignal<string | null>(null);
  const notice = useSignal<string | null>(null);
  const phone = useSignal('');
  const phoneError = useSignal<string | null>(null);
  const busy = useSignal(false);

  useEffect(() => {
    if (venue.value === undefined) void loadVenue();
    void loadInspectors().then((f) => (error.value = f ? errorText(f.code) : null));
  }, []);

  async function unbind(tag: string) {
    if (!window.confirm(t('members.unbindConfirm', { tag }))) return;
    const failed = await unbindInspector(tag);
    if (failed) error.value = errorText(failed.code);
    else notice.value = t('members.unbound', { tag });
  }

  async function submitHandOver(e: Event) {
    e.preventDefault();
    const parsed = v.safeParse(PhoneSchema, phone.value);
    if (!parsed.success) {
      phoneError.value = t('form.phone');
      document.getElementById('handover-phone')?.focus();
      return;
    }
    phoneError.value = null;
    if (!window.confirm(t('members.handOverConfirm', { phone: phone.value.trim() }))) return;
    busy.value = true;
    const failed = await handOver(parsed.output);
    busy.value = false;
    if (failed) phoneError.value = errorText(failed.code);
    else notice.value = t('members.handedOver');
  }

  const list = inspectors.value;
  return (
    <div class="stack venue-page" data-testid="venue-members">
      <section class="card stack">
        <h1>{t('members.title')}</h1>
        {venue.value && <p class="muted">{venue.value.name}</p>}
        {notice.value && (
          <p class="chip chip-ok" role="status" data-testid="members-notice">
            {notice.value}
          </p>
        )}
        {error.value && (
          <p class="error" role="alert">
            {error.value}
          </p>
        )}
        <a class="btn" href="/venue">
          {t('members.back')}
        </a>
      </section>

      {venue.value && (
        <section class="card stack" aria-labelledby="inspectors-title">
          <h2 id="inspectors-title">{t('members.inspectors')}</h2>
          <p class="muted small">{t('members.privacy')}</p>
          {list === undefined && <p class="muted">{t('venue.loading')}</p>}
          {list?.length === 0 && <p data-testid="members-none">{t('members.none')}</p>}
          {list && list.length > 0 && (
            <ul class="inspector-list" data-testid="inspector-list">
              {list.map((m) => (
                <li key={m.tag} class="member" data-testid="inspector-row">
                  <span class="member-words">
                    <strong data-testid="inspector-tag">{t('members.tagged', { tag: m.tag })}</strong>
                    {m.isYou && t('members.you')}
                    <span class="muted small block">{t('members.since', { date: formatTime(m.boundAt) })}</span>
                  </span>
                  <button type="button" class="btn btn-small" data-testid="unbind" aria-label={`${t('members.unbind')} · ${t('members.tagged', { tag: m.tag })}`} onClick={() => void unbind(m.tag)}>
                    {t('members.unbind')}
                  </button>
                </li>
              ))}
            </ul>
          )}
        </section>
      )}

      {venue.value && (
        <section class="card stack" aria-labelledby="handover-title">
          <h2 id="handover-title">{t('members.handOverTitle')}</h2>
          <p class="muted small">{t('members.handOverIntro')}</p>
          <form class="stack" noValidate onSubmit={(e) => void submitHandOver(e)}>
            <label class="field">
              <span>{t('members.handOverPhone')}</span>
              <input
                id="handover-phone"
                data-testid="handover-phone"
                type="tel"
                inputMode="tel"
                value={phone.value}
                aria-invalid={phoneError.value !== null}
                aria-describedby={phoneError.value ? 'handover-phone-error' : undefined}
                onInput={(e) => (phone.value = e.currentTarget.value)}
              />
              {phoneError.value && (
                <span class="field-error" id="handover-phone-error" role="alert">
                  {phoneError.value}
                </span>
              )}
            </label>
            <button type="submit" class="btn" data-testid="handover-submit" disabled={busy.value}>
              {t('members.handOver')}
            </button>
          </form>
        </section>
      )}
    </div>
  );
}
