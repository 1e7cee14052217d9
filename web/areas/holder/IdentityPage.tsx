// First use for a resident who signed in by phone: bind the account to their own mainland ID card or
// Home Return Permit (the same fields, rules and registry check as family members and travellers),
// then on to their code. An account that is bound already just says to whom.

import { useSignal } from '@preact/signals';
import { RESIDENT_DOCUMENT_TYPES, type DocumentType } from '../../../shared/documents.js';
import { checkIdentity } from '../../../shared/identity.js';
import { navigate } from '../../app/navigation.js';
import { me } from '../../app/session.js';
import { ApiError, failureCode } from '../../http.js';
import { errorText } from '../../i18n/index.js';
import { IdentityFields, type FieldProblems } from '../../ui/identity/IdentityFields.js';
import { ft } from './family-strings.js';
import { bindOwnIdentity } from './identity.js';

export default function IdentityPage() {
  const values = {
    name: useSignal(''),
    documentType: useSignal<DocumentType>('mainland-id'),
    documentNumber: useSignal(''),
    issueCount: useSignal(''),
  };
  const problems = useSignal<FieldProblems>({});
  const error = useSignal<(() => string) | null>(null);
  const busy = useSignal(false);
  const bound = me.value?.maskedName;

  async function submit(e: Event) {
    e.preventDefault();
    error.value = null;
    const input = { name: values.name.value, documentType: values.documentType.value, documentNumber: values.documentNumber.value, issueCount: values.issueCount.value || undefined };
    // The same rules on the phone first: every wrong field marked at once, without a round trip.
    const checked = checkIdentity(input);
    if (!checked.ok) {
      problems.value = Object.fromEntries(checked.problems.map((p) => [p.field, p.problem]));
      return;
    }
    problems.value = {};
    busy.value = true;
    try {
      await bindOwnIdentity(input);
      navigate('/code', { replace: true });
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

  if (bound) {
    return (
      <section class="card stack identity-page">
        <h1>{ft('own.title')}</h1>
        <p data-testid="own-bound">{ft('own.bound', { name: bound })}</p>
        <a class="btn btn-primary btn-block" href="/code">
          {ft('own.toCode')}
        </a>
      </section>
    );
  }
  return (
    <section class="card stack identity-page">
      <h1>{ft('own.title')}</h1>
      <p>{ft('own.intro')}</p>
      <form class="stack" onSubmit={submit} noValidate>
        <p class="banner banner-info small">{ft('own.realName')}</p>
        <IdentityFields values={values} problems={problems.value} idPrefix="own" types={RESIDENT_DOCUMENT_TYPES} />
        <button type="submit" class="btn btn-primary btn-block" data-testid="own-bind" disabled={busy.value}>
          {busy.value ? ft('own.checking') : ft('own.submit')}
        </button>
        {error.value && (
          <p class="error" role="alert" data-testid="own-error">
            {error.value()}
          </p>
        )}
      </form>
      <p class="muted small">{ft('own.travellers')}</p>
    </section>
  );
}
