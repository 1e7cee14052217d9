// A resident's first use, linked from the sign-in page: name, document (mainland ID card or Home
// Return Permit) and phone, checked on the phone by the rules the server uses, then against the
// registry on the server; then the SMS code, which makes the account, bound to the person, and
// shows the code. Each wrong field says what to try, tied to its field.

import { useSignal } from '@preact/signals';
import * as v from 'valibot';
import { PhoneSchema } from '../../../shared/api/auth.js';
import type { ResidentSignUp } from '../../../shared/api/residents.js';
import { RESIDENT_DOCUMENT_TYPES, type DocumentType } from '../../../shared/documents.js';
import { checkIdentity } from '../../../shared/identity.js';
import { ApiError, failureCode } from '../../http.js';
import { errorText } from '../../i18n/index.js';
import { IdentityFields, PhoneField, focusFirstInvalid, type FieldProblems } from '../../ui/identity/IdentityFields.js';
import { PhoneCode } from './PhoneCode.js';
import { signUpResident, verifyResident } from './state.js';
import { t } from './strings.js';

export default function RegisterPage() {
  const values = {
    name: useSignal(''),
    documentType: useSignal<DocumentType>('mainland-id'),
    documentNumber: useSignal(''),
    issueCount: useSignal(''),
  };
  const phone = useSignal('');
  const problems = useSignal<FieldProblems>({});
  const error = useSignal<(() => string) | null>(null);
  const busy = useSignal(false);
  const checked = useSignal<ResidentSignUp | null>(null);

  async function submit(e: Event) {
    e.preventDefault();
    const found: FieldProblems = {};
    const input = { name: values.name.value, documentType: values.documentType.value, documentNumber: values.documentNumber.value, issueCount: values.issueCount.value || undefined };
    // The same rules on the phone first: every wrong field marked at once, without a round trip.
    const identity = checkIdentity(input);
    if (!identity.ok) for (const p of identity.problems) found[p.field] = p.problem;
    const parsedPhone = v.safeParse(PhoneSchema, phone.value);
    if (!parsedPhone.success) found.phone = 'phone-invalid';
    problems.value = found;
    error.value = null;
    if (Object.keys(found).length > 0 || !parsedPhone.success) {
      error.value = () => t('register.checkFields');
      focusFirstInvalid('.register');
      return;
    }
    busy.value = true;
    const body = { ...input, phone: parsedPhone.output };
    try {
      await signUpResident(body);
      checked.value = body;
    } catch (err) {
      if (err instanceof ApiError && err.problems) {
        problems.value = Object.fromEntries(err.problems.map((p) => [p.field, p.problem]));
        error.value = () => t('register.checkFields');
        focusFirstInvalid('.register');
      } else {
        const f = failureCode(err);
        error.value = () => errorText(f.code, f.retryAfterSec);
      }
    } finally {
      busy.value = false;
    }
  }

  const body = checked.value;
  if (body) {
    return (
      <section class="card stack register">
        <h1>{t('register.title')}</h1>
        <p class="banner banner-info" role="status" data-testid="register-checked">
          {t('register.checked', { phone: body.phone })}
        </p>
        {/* The code was texted with the check; "resend" checks again and texts a new one. */}
        <PhoneCode
          initialPhone={body.phone}
          request={() => signUpResident(body)}
          verify={(_phone, code) => verifyResident(body, code)}
          sentAlready
        />
      </section>
    );
  }
  return (
    <section class="card stack register">
      <h1>{t('register.title')}</h1>
      <p>{t('register.intro')}</p>
      <p class="banner banner-info small" data-testid="real-name-note">
        {t('register.realName')}
      </p>
      <form class="stack" onSubmit={submit} noValidate>
        <IdentityFields values={values} problems={problems.value} idPrefix="register" types={RESIDENT_DOCUMENT_TYPES} />
        <PhoneField value={phone} problem={problems.value.phone} idPrefix="register" hint={t('register.phoneHint')} />
        <button type="submit" class="btn btn-primary btn-block" data-testid="register-submit" disabled={busy.value}>
          {busy.value ? t('register.submitting') : t('register.submit')}
        </button>
        {error.value && (
          <p class="error" role="alert" data-testid="register-error">
            {error.value()}
          </p>
        )}
      </form>
      <p class="muted small">
        {t('register.travellers')} <a href="/travel">{t('register.toTravel')}</a>
      </p>
      <p>
        <a href="/signin">{t('register.haveAccount')}</a>
      </p>
    </section>
  );
}
