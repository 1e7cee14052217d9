// The daily declaration form: to whom (a personal self-check or one of the person's organisations),
// symptoms (or none), temperature, travel outside the city in 14 days (and where), contact with key
// populations. Errors sit under their fields, tied with aria-describedby; the first gets the focus.

import { useSignal } from '@preact/signals';
import { useRef } from 'preact/hooks';
import type { Membership } from '../../../shared/api/declarations.js';
import { SYMPTOMS, type Symptom } from '../../../shared/declarations.js';
import { checkForm, type FieldErrors, type FieldName, type FormValues } from './state.js';
import type { DeclarationBody } from '../../../shared/api/declarations.js';
import { t } from './strings.js';

export interface DeclarationFormProps {
  memberships: Membership[];
  /** Whether the chosen target already has a declaration today (the button says it supersedes). */
  declaredToday: (orgId: string) => boolean;
  onSubmit: (body: DeclarationBody) => Promise<void>;
}

const EMPTY: FormValues = { orgId: '', symptoms: [], temperature: '', travel: '', travelWhere: '', keyContact: '' };

export function DeclarationForm({ memberships, declaredToday, onSubmit }: DeclarationFormProps) {
  const values = useSignal<FormValues>({ ...EMPTY, orgId: memberships[0]?.orgId ?? '' });
  const errors = useSignal<FieldErrors>({});
  const busy = useSignal(false);
  const formRef = useRef<HTMLFormElement>(null);
  const set = (change: Partial<FormValues>) => {
    values.value = { ...values.value, ...change };
    const cleared = { ...errors.value };
    for (const k of Object.keys(change)) delete cleared[k as FieldName];
    errors.value = cleared;
  };
  const toggle = (s: Symptom | 'none', on: boolean) => {
    const now = values.value.symptoms;
    // "None" and a symptom exclude each other.
    const next = s === 'none' ? (on ? ['none' as const] : []) : on ? [...now.filter((x) => x !== 'none'), s] : now.filter((x) => x !== s);
    set({ symptoms: next });
  };

  async function submit(e: Event) {
    e.preventDefault();
    const checked = checkForm(values.value, Date.now());
    errors.value = checked.errors;
    const first = (Object.keys(checked.errors) as FieldName[])[0];
    if (!checked.body) {
      if (first) setTimeout(() => formRef.current?.querySelector<HTMLElement>(`[data-field="${first}"]`)?.focus(), 0);
      return;
    }
    busy.value = true;
    await onSubmit(checked.body);
    busy.value = false;
    values.value = { ...EMPTY, orgId: values.value.orgId };
  }

  const error = (field: FieldName) =>
    errors.value[field] ? (
      <span class="field-error" id={`declare-${field}-error`} data-testid={`declare-${field}-error`}>
        {t(errors.value[field]!)}
      </span>
    ) : null;
  const described = (field: FieldName) => (errors.value[field] ? `declare-${field}-error` : undefined);
  const yesNo = (field: 'travel' | 'keyContact', legend: string) => (
    <fieldset class="stack choice" aria-describedby={described(field)} aria-invalid={!!errors.value[field]}>
      <legend>{legend}</legend>
      <div class="row-start">
        {(['yes', 'no'] as const).map((answer, i) => (
          <label key={answer} class="check">
            <input type="radio" name={`declare-${field}`} value={answer} data-field={i === 0 ? field : undefined} data-testid={`declare-${field}-${answer}`} checked={values.value[field] === answer} onChange={() => set({ [field]: answer })} />
            {t(answer === 'yes' ? 'declare.yes' : 'declare.no')}
          </label>
        ))}
      </div>
      {error(field)}
    </fieldset>
  );
  const again = declaredToday(values.value.orgId);

  return (
    <form class="stack declare-form" ref={formRef} onSubmit={(e) => void submit(e)} noValidate data-testid="declare-form">
      <label class="field">
        <span>{t('declare.to')}</span>
        <select data-testid="declare-to" value={values.value.orgId} onChange={(e) => set({ orgId: e.currentTarget.value })}>
          {memberships.map((m) => (
            <option key={m.orgId} value={m.orgId}>
              {m.orgName}
            </option>
          ))}
          <option value="">{t('declare.self')}</option>
        </select>
      </label>
      <fieldset class="stack choice" aria-describedby={described('symptoms')} aria-invalid={!!errors.value.symptoms}>
        <legend>{t('declare.symptoms')}</legend>
        <div class="symptom-grid">
          {(['none', ...SYMPTOMS] as const).map((s, i) => (
            <label key={s} class="check">
              <input type="checkbox" data-field={i === 0 ? 'symptoms' : undefined} data-testid={`symptom-${s}`} checked={values.value.symptoms.includes(s)} onChange={(e) => toggle(s, e.currentTarget.checked)} />
              {t(`symptom.${s}`)}
            </label>
          ))}
        </div>
        {error('symptoms')}
      </fieldset>
      <label class="field">
        <span>{t('declare.temperature')}</span>
        <input
          data-field="temperature"
          data-testid="declare-temperature"
          inputMode="decimal"
          autoComplete="off"
          value={values.value.temperature}
          aria-invalid={!!errors.value.temperature}
          aria-describedby={described('temperature')}
          onInput={(e) => set({ temperature: e.currentTarget.value })}
        />
        {error('temperature')}
      </label>
      {yesNo('travel', t('declare.travel'))}
      {values.value.travel === 'yes' && (
        <label class="field">
          <span>{t('declare.travelWhere')}</span>
          <input data-field="travelWhere" data-testid="declare-travel-where" maxLength={100} value={values.value.travelWhere} aria-invalid={!!errors.value.travelWhere} aria-describedby={described('travelWhere')} onInput={(e) => set({ travelWhere: e.currentTarget.value })} />
          {error('travelWhere')}
        </label>
      )}
      {yesNo('keyContact', t('declare.keyContact'))}
      <p class="muted small" id="declare-rule">
        {t('declare.rule')}
      </p>
      <button type="submit" class="btn btn-primary" data-testid="declare-submit" disabled={busy.value} aria-describedby="declare-rule">
        {again ? t('declare.submitAgain') : t('declare.submit')}
      </button>
    </form>
  );
}
