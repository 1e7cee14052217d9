// Correcting a looked-up person's status from the console: green, or red with a reason, and a
// note saying why (required, kept in the audit log). The server re-issues the person's code and
// red-lists the old one in one step; the person is then looked up again.

import { useSignal } from '@preact/signals';
import { RED_REASONS, type RedReason } from '../../../shared/code/claims.js';
import { errorText, reasonText } from '../../i18n/index.js';
import { correctPerson, corrected, correctionError } from './state.js';
import { t } from './strings.js';

const NOTE_MIN = 3;
const NOTE_MAX = 200;

export function CorrectionForm({ personId }: { personId: string }) {
  const status = useSignal<'green' | 'red'>('green');
  const reason = useSignal<RedReason | ''>('');
  const note = useSignal('');
  const tried = useSignal(false);
  const reasonBad = tried.value && status.value === 'red' && reason.value === '';
  const trimmed = note.value.trim();
  const noteBad = tried.value && (trimmed.length < NOTE_MIN || trimmed.length > NOTE_MAX);
  return (
    <form
      class="admin-form"
      noValidate
      data-testid="correct-form"
      aria-labelledby="correct-title"
      onSubmit={(e) => {
        e.preventDefault();
        tried.value = true;
        if ((status.value === 'red' && reason.value === '') || trimmed.length < NOTE_MIN || trimmed.length > NOTE_MAX) return;
        void correctPerson(personId, { status: status.value, ...(status.value === 'red' && reason.value ? { reason: reason.value } : {}), note: trimmed }).then(() => {
          if (!correctionError.value) {
            tried.value = false;
            note.value = '';
          }
        });
      }}
    >
      <h4 id="correct-title">{t('correct.title')}</h4>
      <p class="muted small">{t('correct.intro')}</p>
      <label for="correct-status">{t('correct.status')}</label>
      <select id="correct-status" value={status.value} onChange={(e) => (status.value = e.currentTarget.value as 'green' | 'red')}>
        <option value="green">{t('status.green')}</option>
        <option value="red">{t('status.red')}</option>
      </select>
      {status.value === 'red' && (
        <>
          <label for="correct-reason">{t('correct.reason')}</label>
          <select id="correct-reason" value={reason.value} aria-invalid={reasonBad} aria-describedby="correct-reason-help" onChange={(e) => (reason.value = e.currentTarget.value as RedReason)}>
            <option value="">{t('correct.pickReason')}</option>
            {RED_REASONS.filter((r) => r !== 'none').map((r) => (
              <option key={r} value={r}>
                {reasonText(r)}
              </option>
            ))}
          </select>
          <p id="correct-reason-help" class={reasonBad ? 'error small' : 'muted small'}>
            {t('correct.reasonHelp')}
          </p>
        </>
      )}
      <label for="correct-note">{t('correct.note')}</label>
      <textarea id="correct-note" rows={2} maxLength={NOTE_MAX} value={note.value} aria-invalid={noteBad} aria-describedby="correct-note-help" onInput={(e) => (note.value = e.currentTarget.value)} />
      <p id="correct-note-help" class={noteBad ? 'error small' : 'muted small'}>
        {t('correct.noteHelp')}
      </p>
      <button type="submit" class="btn btn-danger" data-testid="correct-submit">
        {t('correct.submit')}
      </button>
      {correctionError.value && (
        <p class="error" role="alert">
          {errorText(correctionError.value.code, correctionError.value.retryAfterSec)}
        </p>
      )}
      {corrected.value && !correctionError.value && (
        <p role="status" data-testid="correct-done">
          {t('correct.done')}
        </p>
      )}
    </form>
  );
}
