// The organisation form, for registering and for the weekly change: area (cascading selects, down
// to whatever level the organisation sits at), kind, name, admin phone. Errors sit under their
// fields and are tied to them (aria-describedby); the first one gets the focus.

import { useSignal } from '@preact/signals';
import { useRef } from 'preact/hooks';
import { ORG_KINDS, type OrgDetails } from '../../../shared/api/orgs.js';
import { errorText } from '../../i18n/index.js';
import { AreaPicker } from '../../ui/AreaPicker.js';
import { checkForm, type Failure, type FieldErrors, type FieldName, type FormValues } from './state.js';
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
  const values = useSignal<FormValues>({ areaCode: current?.areaCode ?? '', kind: current?.kind ?? '', name: current?.name ?? '', adminPhone: '' });
  const errors = useSignal<FieldErrors>({});
  const params = useSignal<Partial<Record<FieldName, Record<string, number>>>>({});
  const failure = useSignal<string | null>(null);
  const busy = useSignal(false);
  const formRef = useRef<HTMLFormElement>(null);
  const set = (field: FieldName, value: string) => {
    values.value = { ...values.value, [field]: value };
    if (errors.value[field]) errors.value = { ...errors.value, [field]: undefined };
  };

  async function submit(e: Event) {
    e.preventDefault();
    const checked = checkForm(values.value, current !== undefined);
    errors.value = checked.errors;
    params.value = checked.params;
    failure.value = null;
    const first = (Object.keys(checked.errors) as FieldName[])[0];
    if (first) {
      const selector = first === 'areaCode' ? '[data-testid="org-area"] select' : `[data-field="${first}"]`;
      setTimeout(() => formRef.current?.querySelector<HTMLElement>(selector)?.focus(), 0);
      return;
    }
    busy.value = true;
    const failed = await onSubmit(values.value);
    busy.value = false;
    if (!failed) return;
    if (failed.code === 'area_unknown') errors.value = { areaCode: 'form.area' };
    else failure.value = describeFailure?.(failed) ?? errorText(failed.code, failed.retryAfterSec);
  }

  const fieldError = (field: FieldName) =>
    errors.value[field] ? (
      <span class="field-error" id={`org-${field}-error`} data-testid={`org-${field}-error`}>
        {t(errors.value[field]!, params.value[field])}
      </span>
    ) : null;
  const described = (field: FieldName, hint?: string) => [errors.value[field] ? `org-${field}-error` : '', hint ?? ''].filter(Boolean).join(' ') || undefined;

  return (
    <form class="stack venue-form" ref={formRef} onSubmit={(e) => void submit(e)} noValidate data-testid="org-form">
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
