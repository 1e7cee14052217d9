// The fields of a typed identity: name, document type, number and (permits) the issue count, each
// labelled, with its hint and its own error tied to it (aria-describedby), so a screen reader says
// which field is wrong and what to try. The form around it owns the values and the submit.

import type { Signal } from '@preact/signals';
import { DOCUMENT_TYPES, PERMIT_TYPES, type DocumentType } from '../../../shared/documents.js';
import { identityText, problemText } from './strings.js';

export interface IdentityValues {
  name: Signal<string>;
  documentType: Signal<DocumentType>;
  documentNumber: Signal<string>;
  issueCount: Signal<string>;
}

/** Problem codes by field name (name, documentType, documentNumber, issueCount, phone, country). */
export type FieldProblems = Partial<Record<string, string>>;

export function FieldError({ id, problem }: { id: string; problem: string | undefined }) {
  if (!problem) return null;
  return (
    <span class="field-error" id={id} data-testid={`${id}`}>
      {problemText(problem)}
    </span>
  );
}

/** aria-describedby for a field: its hint and, when there is one, its error. */
export const describedBy = (...ids: (string | false | undefined)[]) => ids.filter(Boolean).join(' ') || undefined;

export function IdentityFields({ values, problems, idPrefix, types = DOCUMENT_TYPES }: { values: IdentityValues; problems: FieldProblems; idPrefix: string; types?: readonly DocumentType[] }) {
  const id = (field: string) => `${idPrefix}-${field}`;
  const err = (field: string) => (problems[field] ? `${id(field)}-error` : undefined);
  const permit = PERMIT_TYPES.includes(values.documentType.value);
  return (
    <>
      <label class="field">
        <span>{identityText('identity.field.documentType')}</span>
        <select
          data-testid={id('type')}
          value={values.documentType.value}
          aria-invalid={problems.documentType ? 'true' : undefined}
          aria-describedby={err('documentType')}
          onChange={(e) => (values.documentType.value = e.currentTarget.value as DocumentType)}
        >
          {types.map((type) => (
            <option key={type} value={type}>
              {identityText(`identity.type.${type}`)}
            </option>
          ))}
        </select>
        <FieldError id={`${id('documentType')}-error`} problem={problems.documentType} />
      </label>
      <label class="field">
        <span>{identityText('identity.field.name')}</span>
        <input
          data-testid={id('name')}
          autoComplete="name"
          value={values.name.value}
          aria-invalid={problems.name ? 'true' : undefined}
          aria-describedby={describedBy(`${id('name')}-hint`, err('name'))}
          onInput={(e) => (values.name.value = e.currentTarget.value)}
        />
        <small class="muted" id={`${id('name')}-hint`}>
          {identityText('identity.hint.name')}
        </small>
        <FieldError id={`${id('name')}-error`} problem={problems.name} />
      </label>
      <label class="field">
        <span>{identityText('identity.field.documentNumber')}</span>
        <input
          data-testid={id('number')}
          autoComplete="off"
          autoCapitalize="characters"
          spellcheck={false}
          value={values.documentNumber.value}
          aria-invalid={problems.documentNumber ? 'true' : undefined}
          aria-describedby={err('documentNumber')}
          onInput={(e) => (values.documentNumber.value = e.currentTarget.value)}
        />
        <FieldError id={`${id('documentNumber')}-error`} problem={problems.documentNumber} />
      </label>
      {permit && (
        <label class="field">
          <span>{identityText('identity.field.issueCount')}</span>
          <input
            data-testid={id('issue-count')}
            inputMode="numeric"
            maxLength={2}
            value={values.issueCount.value}
            aria-invalid={problems.issueCount ? 'true' : undefined}
            aria-describedby={describedBy(`${id('issueCount')}-hint`, err('issueCount'))}
            onInput={(e) => (values.issueCount.value = e.currentTarget.value)}
          />
          <small class="muted" id={`${id('issueCount')}-hint`}>
            {identityText('identity.hint.issueCount')}
          </small>
          <FieldError id={`${id('issueCount')}-error`} problem={problems.issueCount} />
        </label>
      )}
    </>
  );
}

/** The phone number of a first use (a traveller's or a resident's): labelled, with its hint and its own error. */
export function PhoneField({ value, problem, idPrefix, hint = identityText('identity.hint.phone') }: { value: Signal<string>; problem: string | undefined; idPrefix: string; hint?: string }) {
  return (
    <label class="field">
      <span>{identityText('identity.field.phone')}</span>
      <input
        data-testid={`${idPrefix}-phone`}
        type="tel"
        inputMode="tel"
        autoComplete="tel"
        value={value.value}
        aria-invalid={problem ? 'true' : undefined}
        aria-describedby={describedBy(`${idPrefix}-phone-hint`, problem && `${idPrefix}-phone-error`)}
        onInput={(e) => (value.value = e.currentTarget.value)}
      />
      <small class="muted" id={`${idPrefix}-phone-hint`}>
        {hint}
      </small>
      <FieldError id={`${idPrefix}-phone-error`} problem={problem} />
    </label>
  );
}

/** After a failed check, the first marked field inside `scope` gets the focus (and the screen reader reads its error). */
export function focusFirstInvalid(scope: string): void {
  requestAnimationFrame(() => document.querySelector<HTMLElement>(`${scope} [aria-invalid="true"]`)?.focus());
}
