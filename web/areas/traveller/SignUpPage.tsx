// First use, from a link or QR at the border: name, country or region, document and phone, checked
// on the phone by the same rules the server uses (shared/identity.ts), then against the registry on
// the server. Each wrong field says what to try. On success the personal link is texted and the
// traveller signs in with an SMS code, straight to their code.

import { useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import * as v from 'valibot';
import { PhoneSchema } from '../../../shared/api/auth.js';
import { isCountryCode } from '../../../shared/countries.js';
import type { DocumentType } from '../../../shared/documents.js';
import { checkIdentity } from '../../../shared/identity.js';
import { ApiError, failureCode } from '../../http.js';
import { errorText, lang } from '../../i18n/index.js';
import { loadCountries, type CountryOption } from '../../ui/identity/countries.js';
import { FieldError, IdentityFields, PhoneField, focusFirstInvalid, type FieldProblems } from '../../ui/identity/IdentityFields.js';
import { identityText } from '../../ui/identity/strings.js';
import { PhoneCode } from './PhoneCode.js';
import { signUp } from './state.js';
import { t } from './strings.js';

export default function SignUpPage() {
  const values = {
    name: useSignal(''),
    documentType: useSignal<DocumentType>('passport'),
    documentNumber: useSignal(''),
    issueCount: useSignal(''),
  };
  const country = useSignal('');
  const phone = useSignal('');
  const problems = useSignal<FieldProblems>({});
  const error = useSignal<(() => string) | null>(null);
  const busy = useSignal(false);
  const sentTo = useSignal<string | null>(null);
  const countries = useSignal<readonly CountryOption[] | null>(null);

  useEffect(() => {
    void loadCountries(lang.value).then(
      (list) => (countries.value = list),
      () => (countries.value = []),
    );
  }, [lang.value]);

  async function submit(e: Event) {
    e.preventDefault();
    const found: FieldProblems = {};
    const input = { name: values.name.value, documentType: values.documentType.value, documentNumber: values.documentNumber.value, issueCount: values.issueCount.value || undefined };
    const checked = checkIdentity(input);
    if (!checked.ok) for (const p of checked.problems) found[p.field] = p.problem;
    if (!isCountryCode(country.value)) found.country = 'country-missing';
    const parsedPhone = v.safeParse(PhoneSchema, phone.value);
    if (!parsedPhone.success) found.phone = 'phone-invalid';
    problems.value = found;
    error.value = null;
    if (Object.keys(found).length > 0 || !parsedPhone.success) {
      error.value = () => t('travel.checkFields');
      focusFirstInvalid('.traveller');
      return;
    }
    busy.value = true;
    try {
      await signUp({ ...input, country: country.value, phone: parsedPhone.output });
      sentTo.value = parsedPhone.output;
    } catch (err) {
      if (err instanceof ApiError && err.problems) {
        problems.value = Object.fromEntries(err.problems.map((p) => [p.field, p.problem]));
        error.value = () => t('travel.checkFields');
        focusFirstInvalid('.traveller');
      } else {
        const f = failureCode(err);
        error.value = () => errorText(f.code, f.retryAfterSec);
      }
    } finally {
      busy.value = false;
    }
  }

  if (sentTo.value) {
    return (
      <section class="card stack">
        <h1>{t('travel.title')}</h1>
        <p class="banner banner-info" role="status" data-testid="link-sent">
          {t('travel.sent', { phone: sentTo.value })}
        </p>
        <PhoneCode initialPhone={sentTo.value} sendAtOnce />
      </section>
    );
  }

  const err = (field: string) => (problems.value[field] ? `signup-${field}-error` : undefined);
  return (
    <section class="card stack traveller">
      <h1>{t('travel.title')}</h1>
      <p>{t('travel.intro')}</p>
      <p class="banner banner-info" data-testid="real-name-note">
        {t('travel.realName')}
      </p>
      <form class="stack" onSubmit={submit} noValidate>
        <label class="field">
          <span>{identityText('identity.field.country')}</span>
          <select
            data-testid="signup-country"
            value={country.value}
            aria-invalid={problems.value.country ? 'true' : undefined}
            aria-describedby={err('country')}
            onChange={(e) => (country.value = e.currentTarget.value)}
          >
            <option value="">{countries.value ? t('travel.pickCountry') : t('travel.countriesLoading')}</option>
            {countries.value?.map((c) => (
              <option key={c.code} value={c.code}>
                {c.name}
              </option>
            ))}
          </select>
          <FieldError id="signup-country-error" problem={problems.value.country} />
        </label>
        <IdentityFields values={values} problems={problems.value} idPrefix="signup" />
        <p class="muted small" data-testid="passport-note">
          {t('travel.passportChanged')}
        </p>
        <PhoneField value={phone} problem={problems.value.phone} idPrefix="signup" />
        <button type="submit" class="btn btn-primary btn-block" data-testid="signup-submit" disabled={busy.value}>
          {busy.value ? t('travel.submitting') : t('travel.submit')}
        </button>
        {error.value && (
          <p class="error" role="alert" data-testid="signup-error">
            {error.value()}
          </p>
        )}
      </form>
      <p class="muted small">{t('travel.noDeclaration')}</p>
    </section>
  );
}
