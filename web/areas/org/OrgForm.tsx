// The organisation form, for registering and for the weekly change: area (cascading selects, down
// to whatever level the organisation sits at), kind, name, admin phone. Errors sit under their
// fields and are tied to them (aria-describedby); the first one gets the focus.

import { ORG_KINDS, type OrgDetails } from '../../../shared/api/orgs.js';
import { AreaPicker } from '../../ui/AreaPicker.js';
import { useRegistrationForm } from '../../ui/useRegistrationForm.js';
import { checkForm, type Failure, type FormValues } from './state.js';
import { t } from './strings.js';

export interface OrgFormProps {
  current?: OrgDetails;
  submitLabel: string;
  onSubmit: (values: FormValues) => Promise<Failure | null>;
  onCancel?: () => void;
  /** Words for a failure the page knows better (the weekly limit says a date). */
  describeFailure?: (f: Failure) => string | undefined;
}

export function OrgForm({ current, submitLabel, onSubmit, onCancel, describeFailure }: OrgFormProps) {
  const { values, errors, failure, busy, formRef, set, submit, fieldError, described } = useRegistrationForm<FormValues>({
    idPrefix: 'org',
    initial: { areaCode: current?.areaCode ?? '', kind: current?.kind ?? '', name: current?.name ?? '', adminPhone: '' },
    check: (v) => checkForm(v, current !== undefined),
    // The province select: an organisation may sit at any level.
    areaSelector: '[data-testid="org-area"] select',
    areaFailure: 'area_unknown',
    onSubmit,
    describeFailure,
    t,
  });

  return (
    <form class="stack venue-form" ref={formRef} onSubmit={submit} noValidate data-testid="org-form">
      <fieldset class="stack area-fieldset" aria-describedby={described('areaCode', 'org-area-hint')}>
        <legend>{t('org.area')}</legend>
        <span class="muted small" id="org-area-hint">
          {t('org.areaHint')}
        </span>
        <AreaPicker
          testId="org-area"
          value={values.value.areaCode || undefined}
          labels={{ province: t('area.province'), city: t('area.city'), county: t('area.county'), township: t('area.township'), choose: t('org.choose'), loading: t('org.loading'), failed: t('org.loadFailed'), retry: t('org.retry') }}
          // Any level: a provincial office, a city's company, a district's school, a street's unit.
          onChange={(choice) => set('areaCode', choice?.code ?? '')}
        />
        {fieldError('areaCode')}
      </fieldset>
      <label class="field">
        <span>{t('org.kind')}</span>
        <select data-field="kind" data-testid="org-kind" value={values.value.kind} aria-invalid={!!errors.value.kind} aria-describedby={described('kind')} onChange={(e) => set('kind', e.currentTarget.value)}>
          <option value="">{t('org.choose')}</option>
          {ORG_KINDS.map((kind) => (
            <option key={kind} value={kind}>
              {t(`kind.${kind}`)}
            </option>
          ))}
        </select>
        {fieldError('kind')}
      </label>
      <label class="field">
        <span>{t('org.name')}</span>
        <input data-field="name" data-testid="org-name" value={values.value.name} maxLength={100} aria-invalid={!!errors.value.name} aria-describedby={described('name')} onInput={(e) => set('name', e.currentTarget.value)} />
        {fieldError('name')}
      </label>
      <label class="field">
        <span>{t('org.adminPhone')}</span>
        <input
          data-field="adminPhone"
          data-testid="org-phone"
          type="tel"
          inputMode="tel"
          autoComplete="tel"
          value={values.value.adminPhone}
          aria-invalid={!!errors.value.adminPhone}
          aria-describedby={described('adminPhone', current ? 'org-phone-hint' : undefined)}
          onInput={(e) => set('adminPhone', e.currentTarget.value)}
        />
        {current && (
          <span class="muted small" id="org-phone-hint">
            {t('org.adminPhoneKeep', { masked: current.adminPhoneMasked })}
          </span>
        )}
        {fieldError('adminPhone')}
      </label>
      {failure.value && (
        <p class="error" role="alert" data-testid="org-form-error">
          {failure.value}
        </p>
      )}
      <div class="row">
        <button type="submit" class="btn btn-primary" data-testid="org-submit" disabled={busy.value}>
          {submitLabel}
        </button>
        {onCancel && (
          <button type="button" class="btn" onClick={onCancel}>
            {t('org.cancel')}
          </button>
        )}
      </div>
    </form>
  );
}
