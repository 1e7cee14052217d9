// Family members (residents) and companions (travellers): the list, adding one by name + document
// (checked against the identity registry: a real-name check, not a real-person check), and removing
// one. Each member's code is on the code page, switched to from the name at the top.

import { useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import type { DocumentType } from '../../../shared/documents.js';
import { checkIdentity } from '../../../shared/identity.js';
import { navigate } from '../../app/navigation.js';
import { me } from '../../app/session.js';
import { ApiError, failureCode } from '../../http.js';
import { errorText } from '../../i18n/index.js';
import { IdentityFields, type FieldProblems } from '../../ui/identity/IdentityFields.js';
import { addMember, loadFamily, removeMember } from './family.js';
import { members } from './state.js';
import { ft } from './family-strings.js';
import { t } from './strings.js';

export default function FamilyPage() {
  const userId = me.value?.id;
  const values = {
    name: useSignal(''),
    documentType: useSignal<DocumentType>('mainland-id'),
    documentNumber: useSignal(''),
    issueCount: useSignal(''),
  };
  const problems = useSignal<FieldProblems>({});
  const error = useSignal<(() => string) | null>(null);
  const added = useSignal<string | null>(null);
  const busy = useSignal(false);

  useEffect(() => {
    if (userId) void loadFamily(userId).catch((e: unknown) => {
      const f = failureCode(e);
      error.value = () => errorText(f.code, f.retryAfterSec);
    });
  }, [userId]);
  if (!userId) return null;
  const self = members.value.find((m) => m.relation === 'self');
  const traveller = self?.kind === 'traveller';
  const others = members.value.filter((m) => m.relation !== 'self');

  async function submit(e: Event) {
    e.preventDefault();
    added.value = null;
    error.value = null;
    const input = { name: values.name.value, documentType: values.documentType.value, documentNumber: values.documentNumber.value, issueCount: values.issueCount.value || undefined };
    const checked = checkIdentity(input);
    if (!checked.ok) {
      problems.value = Object.fromEntries(checked.problems.map((p) => [p.field, p.problem]));
      return;
    }
    problems.value = {};
    busy.value = true;
    try {
      const member = await addMember(userId!, input);
      added.value = member.maskedName;
      values.name.value = '';
      values.documentNumber.value = '';
      values.issueCount.value = '';
    } catch (err) {
      if (err instanceof ApiError && err.problems) problems.value = Object.fromEntries(err.problems.map((p) => [p.field, p.problem]));
      else {
        const f = failureCode(err);
        error.value = () => errorText(f.code, f.retryAfterSec);
      }
    } finally {
      busy.value = false;
    }
  }

  return (
    <section class="card stack family">
      <h1>{traveller ? ft('family.titleCompanions') : ft('family.title')}</h1>
      {others.length === 0 ? (
        <p class="muted">{traveller ? ft('family.noneCompanions') : ft('family.none')}</p>
      ) : (
        <ul class="family-list" data-testid="family-list">
          {others.map((m) => (
            <li key={m.id} class="family-row">
              <span>
                <strong>{m.maskedName}</strong> <span class="muted">{t(`member.relation.${m.relation}`)}</span>
              </span>
              <a class="btn btn-small btn-quiet" href={`/print?ids=${m.id}`} data-testid="member-print">
                {ft('family.print')}
                <span class="sr-only"> {m.maskedName}</span>
              </a>
              <button
                type="button"
                class="btn btn-small btn-quiet"
                onClick={() => {
                  if (confirm(ft('family.removeConfirm', { name: m.maskedName }))) void removeMember(userId, m.id);
                }}
              >
                {ft('family.remove')}
                <span class="sr-only"> {m.maskedName}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
      {others.length > 0 && (
        <a class="btn btn-quiet btn-block" href={`/print?ids=${members.value.map((m) => m.id).join(',')}`} data-testid="print-all">
          {ft('family.printAll')}
        </a>
      )}
      <form class="stack" onSubmit={submit} noValidate>
        <h2>{traveller ? ft('family.addCompanion') : ft('family.add')}</h2>
        <p class="banner banner-info small">{ft('family.realName')}</p>
        <IdentityFields values={values} problems={problems.value} idPrefix="member" />
        <button type="submit" class="btn btn-primary btn-block" data-testid="member-add" disabled={busy.value}>
          {busy.value ? ft('family.adding') : traveller ? ft('family.addCompanion') : ft('family.add')}
        </button>
        {added.value && (
          <p class="banner banner-info" role="status" data-testid="member-added">
            {ft('family.added', { name: added.value })}
          </p>
        )}
        {error.value && (
          <p class="error" role="alert">
            {error.value()}
          </p>
        )}
      </form>
      <button type="button" class="btn btn-link" onClick={() => navigate('/code')}>
        {ft('family.back')}
      </button>
    </section>
  );
}
