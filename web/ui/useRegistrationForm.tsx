// The state and behaviour a venue's and an organisation's registration forms share: the values as
// typed, each field's error (a message key of the area's table, with {n} for lengths), the failure
// the server answered, busy while it is asked; `submit` checks, puts the focus on the first bad
// field, calls the action and maps its failure. The area keeps its fields, strings and area rule.

import { useSignal } from '@preact/signals';
import { useRef } from 'preact/hooks';
import type { FailureCode } from '../http.js';
import { errorText } from '../i18n/index.js';
import type { Failure, FieldMessage } from './registration-form.js';

type Field<V> = Extract<keyof V, string>;

export interface RegistrationFormOptions<V extends { areaCode: string }> {
  /** The prefix of the error ids and test ids: `venue` gives `venue-name-error`. */
  idPrefix: string;
  /** The values to start from (the current ones when changing). */
  initial: V;
  /** Field errors from the schema the server uses. */
  check: (values: V) => { errors: Partial<Record<Field<V>, FieldMessage>>; params: Partial<Record<Field<V>, Record<string, number>>> };
  /** The element inside the form that takes the focus when the area is the first bad field. */
  areaSelector: string;
  /** The server's code for an area this form does not take; it is shown under the area. */
  areaFailure: FailureCode;
  onSubmit: (values: V) => Promise<Failure | null>;
  /** Words for a failure the page knows better (the weekly limit says a date). */
  describeFailure?: (f: Failure) => string | undefined;
  /** The area's table, for the field messages. */
  t: (key: FieldMessage, params?: Record<string, number>) => string;
}

export function useRegistrationForm<V extends { areaCode: string }>({ idPrefix, initial, check, areaSelector, areaFailure, onSubmit, describeFailure, t }: RegistrationFormOptions<V>) {
  type F = Field<V>;
  const values = useSignal<V>(initial);
  const errors = useSignal<Partial<Record<F, FieldMessage>>>({});
  const params = useSignal<Partial<Record<F, Record<string, number>>>>({});
  const failure = useSignal<string | null>(null);
  const busy = useSignal(false);
  const formRef = useRef<HTMLFormElement>(null);
  const set = (field: F, value: string) => {
    values.value = { ...values.value, [field]: value };
    // What was wrong with the field is no longer known: its message goes until the next submit.
    if (errors.value[field]) errors.value = { ...errors.value, [field]: undefined };
  };

  async function submit(e: Event) {
    e.preventDefault();
    const checked = check(values.value);
    errors.value = checked.errors;
    params.value = checked.params;
    failure.value = null;
    const first = (Object.keys(checked.errors) as F[])[0];
    if (first) {
      const selector = first === 'areaCode' ? areaSelector : `[data-field="${first}"]`;
      setTimeout(() => formRef.current?.querySelector<HTMLElement>(selector)?.focus(), 0);
      return;
    }
    busy.value = true;
    const failed = await onSubmit(values.value);
    busy.value = false;
    if (!failed) return;
    if (failed.code === areaFailure) errors.value = { areaCode: 'form.area' } as Partial<Record<F, FieldMessage>>;
    else failure.value = describeFailure?.(failed) ?? errorText(failed.code, failed.retryAfterSec);
  }

  const fieldError = (field: F) =>
    errors.value[field] ? (
      <span class="field-error" id={`${idPrefix}-${field}-error`} data-testid={`${idPrefix}-${field}-error`}>
        {t(errors.value[field]!, params.value[field])}
      </span>
    ) : null;
  /** aria-describedby for a field: its error, when there is one, and its hint. */
  const described = (field: F, hint?: string) => [errors.value[field] ? `${idPrefix}-${field}-error` : '', hint ?? ''].filter(Boolean).join(' ') || undefined;

  return { values, errors, failure, busy, formRef, set, submit: (e: Event) => void submit(e), fieldError, described };
}
