// Which response fields are personal data (a name, a phone number, a document number, or anything
// derived from them), kept in one place. A field is personal when its schema is marked with
// `personal(...)` or when its name is on the list below; the privacy test walks every response a
// manager or organisation admin can reach and fails on either.

import * as v from 'valibot';

/** Field names that always mean personal data, whatever their schema says. */
export const PERSONAL_FIELD_NAMES: readonly string[] = [
  'name',
  'fullName',
  'maskedName',
  'surname',
  'givenNames',
  'phone',
  'phoneNumber',
  'documentNo',
  'documentNumber',
  'idNumber',
  'passportNumber',
  'birthDate',
];

const PERSONAL = { personal: true } as const;

/** Marks a schema as personal data. */
export function personal<S extends v.GenericSchema>(schema: S) {
  return v.pipe(schema, v.metadata(PERSONAL));
}

/**
 * Says that a field whose name is on the list is not about a person (a venue's or an
 * organisation's name), with the reason — an explicit decision the privacy test can see.
 */
export function notPersonal<S extends v.GenericSchema>(schema: S, because: string) {
  return v.pipe(schema, v.metadata({ personal: false, because }));
}

export interface PersonalField {
  /** Dot path from the response root; [] for array items. */
  path: string;
  why: 'marked' | 'name';
}

type AnySchema = v.GenericSchema & {
  type: string;
  pipe?: readonly { kind: string; type: string; metadata?: Record<string, unknown> }[];
  entries?: Record<string, v.GenericSchema>;
  item?: v.GenericSchema;
  items?: readonly v.GenericSchema[];
  options?: readonly v.GenericSchema[] | readonly unknown[];
  wrapped?: v.GenericSchema;
  key?: v.GenericSchema;
  value?: v.GenericSchema;
  rest?: v.GenericSchema;
};

const isSchema = (x: unknown): x is AnySchema => typeof x === 'object' && x !== null && (x as { kind?: unknown }).kind === 'schema';

/** Every personal field a value of this schema can carry. */
export function personalFields(schema: v.GenericSchema, path = ''): PersonalField[] {
  const s = schema as AnySchema;
  const found: PersonalField[] = [];
  const pipe = s.pipe ?? [];
  if (pipe.some((item) => item.type === 'metadata' && item.metadata?.personal === true)) found.push({ path, why: 'marked' });
  if (pipe.some((item) => item.type === 'metadata' && item.metadata?.personal === false)) return found;
  // A pipe's first item is the schema it refines.
  for (const item of pipe) if (isSchema(item) && item !== s) found.push(...personalFields(item, path));
  if (s.entries) {
    for (const [key, entry] of Object.entries(s.entries)) {
      const at = path ? `${path}.${key}` : key;
      if (PERSONAL_FIELD_NAMES.includes(key) && !declaredNotPersonal(entry)) found.push({ path: at, why: 'name' });
      found.push(...personalFields(entry, at));
    }
  }
  for (const child of [s.item, s.wrapped, s.value, s.rest]) if (isSchema(child)) found.push(...personalFields(child, s.item === child ? `${path}[]` : path));
  for (const child of [...(s.items ?? []), ...(Array.isArray(s.options) ? s.options : [])]) if (isSchema(child)) found.push(...personalFields(child, path));
  return dedupe(found);
}

function declaredNotPersonal(schema: v.GenericSchema): boolean {
  return ((schema as AnySchema).pipe ?? []).some((item) => item.type === 'metadata' && item.metadata?.personal === false);
}

function dedupe(fields: PersonalField[]): PersonalField[] {
  const seen = new Set<string>();
  return fields.filter((f) => {
    const k = `${f.path}|${f.why}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
