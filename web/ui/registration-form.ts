// What a venue's and an organisation's registration forms share: field errors as message keys read
// from the schema the server uses (an area, a phone, a required or too-long text), and an action
// that answers with the failure rather than throwing.

import * as v from 'valibot';
import { failureCode, type FailureCode } from '../http.js';

export type FieldMessage = 'form.area' | 'form.phone' | 'form.required' | 'form.tooLong';

export interface Failure {
  code: FailureCode;
  retryAfterSec?: number;
}

/** Field errors (with {n} for lengths) for `input` under `schema`; `phoneField` says "required" when left empty. */
export function registrationErrors<F extends string>(
  schema: v.GenericSchema,
  input: unknown,
  phoneField: F,
  phoneTyped: string,
): { errors: Partial<Record<F, FieldMessage>>; params: Partial<Record<F, Record<string, number>>> } {
  const parsed = v.safeParse(schema, input);
  const errors: Partial<Record<F, FieldMessage>> = {};
  const params: Partial<Record<F, Record<string, number>>> = {};
  if (parsed.success) return { errors, params };
  for (const issue of parsed.issues) {
    const field = v.getDotPath(issue) as F | null;
    if (!field || errors[field]) continue;
    if (field === 'areaCode') errors[field] = 'form.area';
    else if (field === phoneField) errors[field] = phoneTyped.trim() ? 'form.phone' : 'form.required';
    else if (issue.type === 'max_length') {
      errors[field] = 'form.tooLong';
      params[field] = { n: Number(issue.requirement) };
    } else errors[field] = 'form.required';
  }
  return { errors, params };
}

/** Runs `fn`; null when it worked, else what failed. */
export async function attempt(fn: () => Promise<void>): Promise<Failure | null> {
  try {
    await fn();
    return null;
  } catch (e) {
    return failureCode(e);
  }
}
