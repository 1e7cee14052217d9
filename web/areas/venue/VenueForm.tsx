// The venue form, for registering and for the weekly change: area (cascading selects down to a
// township or street), address, type, name, manager's phone. Errors sit under their fields and
// are tied to them (aria-describedby); the first one gets the focus.

import { VENUE_TYPES, type VenueDetails } from '../../../shared/api/venue-manager.js';
import { AreaPicker } from '../../ui/AreaPicker.js';
import { useRegistrationForm } from '../../ui/useRegistrationForm.js';
import { checkForm, type Failure, type FormValues } from './state.js';
import { t } from './strings.js';

export interface VenueFormProps {
  /** The venue being changed; undefined when registering. */
  current?: VenueDetails;
  submitLabel: string;
  onSubmit: (values: FormValues) => Promise<Failure | null>;
  onCancel?: () => void;
  /** Words for a failure the page knows better (the weekly limit says a date). */
  describeFailure?: (f: Failure) => string | undefined;
}

export function VenueForm({ current, submitLabel, onSubmit, onCancel, describeFailure }: VenueFormProps) {
  const { values, errors, failure, busy, formRef, set, submit, fieldError, described } = useRegistrationForm<FormValues>({
    idPrefix: 'venue',
    initial: { areaCode: current?.areaCode ?? '', address: current?.address ?? '', type: current?.type ?? '', name: current?.name ?? '', contactPhone: '' },
    check: (v) => checkForm(v, current !== undefined),
    // The area's deepest select.
    areaSelector: '[data-testid="venue-area"] label:last-of-type select',
    areaFailure: 'area_not_street_level',
    onSubmit,
    describeFailure,
    t,
  });

  return (
    <form class="stack venue-form" ref={formRef} onSubmit={submit} noValidate data-testid="venue-form">
      <fieldset class="stack area-fieldset" aria-describedby={described('areaCode', 'venue-area-hint')}>
        <legend>{t('venue.area')}</legend>
        <span class="muted small" id="venue-area-hint">
          {t('venue.areaHint')}
        </span>
        <AreaPicker
          testId="venue-area"
          value={values.value.areaCode || undefined}
          labels={{
            province: t('area.province'),
            city: t('area.city'),
            county: t('area.county'),
            township: t('area.township'),
            choose: t('venue.choose'),
            loading: t('venue.loading'),
            failed: t('venue.loadFailed'),
            retry: t('venue.retry'),
          }}
          // Only a township or street is a complete area for a venue.
          onChange={(choice) => set('areaCode', choice && choice.code.length === 9 ? choice.code : '')}
        />
        {fieldError('areaCode')}
      </fieldset>
      <label class="field">
        <span>{t('venue.address')}</span>
        <input data-field="address" data-testid="venue-address" value={values.value.address} maxLength={200} autoComplete="street-address" aria-invalid={!!errors.value.address} aria-describedby={described('address')} onInput={(e) => set('address', e.currentTarget.value)} />
        {fieldError('address')}
      </label>
      <label class="field">
        <span>{t('venue.type')}</span>
        <select data-field="type" data-testid="venue-type" value={values.value.type} aria-invalid={!!errors.value.type} aria-describedby={described('type')} onChange={(e) => set('type', e.currentTarget.value)}>
          <option value="">{t('venue.choose')}</option>
          {VENUE_TYPES.map((type) => (
            <option key={type} value={type}>
              {t(`type.${type}`)}
            </option>
          ))}
        </select>
        {fieldError('type')}
      </label>
      <label class="field">
        <span>{t('venue.name')}</span>
        <input data-field="name" data-testid="venue-name" value={values.value.name} maxLength={100} aria-invalid={!!errors.value.name} aria-describedby={described('name')} onInput={(e) => set('name', e.currentTarget.value)} />
        {fieldError('name')}
      </label>
      <label class="field">
        <span>{t('venue.contactPhone')}</span>
        <input
          data-field="contactPhone"
          data-testid="venue-phone"
          type="tel"
          inputMode="tel"
          autoComplete="tel"
          value={values.value.contactPhone}
          aria-invalid={!!errors.value.contactPhone}
          aria-describedby={described('contactPhone', current ? 'venue-phone-hint' : undefined)}
          onInput={(e) => set('contactPhone', e.currentTarget.value)}
        />
        {current && (
          <span class="muted small" id="venue-phone-hint">
            {t('venue.contactPhoneKeep', { masked: current.contactPhoneMasked ?? '—' })}
          </span>
        )}
        {fieldError('contactPhone')}
      </label>
      {failure.value && (
        <p class="error" role="alert" data-testid="venue-form-error">
          {failure.value}
        </p>
      )}
      <div class="row">
        <button type="submit" class="btn btn-primary" data-testid="venue-submit" disabled={busy.value}>
          {submitLabel}
        </button>
        {onCancel && (
          <button type="button" class="btn" onClick={onCancel}>
            {t('venue.cancel')}
          </button>
        )}
      </div>
    </form>
  );
}
