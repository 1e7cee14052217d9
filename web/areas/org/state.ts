// The admin's organisation on the page: loaded from the server (no offline copy: this is office
// work), registered, changed, its members listed and removed, and a day's declarations. Signals and
// actions; the export files are plain links (the browser downloads them with the session cookie).

import { signal } from '@preact/signals';
import * as v from 'valibot';
import { orgAdminApi, OrgEditSchema, OrgFormSchema, type OrgDay, type OrgDetails, type OrgMember } from '../../../shared/api/orgs.js';
import { call, failureCode, type FailureCode } from '../../http.js';
import { attempt, registrationErrors, type Failure, type FieldMessage } from '../../ui/registration-form.js';

export type { Failure };

/** undefined while loading; null when the admin has no organisation yet. */
export const org = signal<OrgDetails | null | undefined>(undefined);
export const loadError = signal<FailureCode | null>(null);
export const members = signal<OrgMember[] | undefined>(undefined);
export const day = signal<OrgDay | undefined>(undefined);
export const dayError = signal<FailureCode | null>(null);

export async function loadOrg(): Promise<void> {
  try {
    org.value = (await call(orgAdminApi.get)).org;
    loadError.value = null;
  } catch (e) {
    loadError.value = failureCode(e).code;
  }
}

export interface FormValues {
  areaCode: string;
  kind: string;
  name: string;
  adminPhone: string;
}
export type FieldName = keyof FormValues;
export type FieldErrors = Partial<Record<FieldName, FieldMessage>>;

const bodyOf = (values: FormValues, editing: boolean) => ({ ...values, adminPhone: editing && values.adminPhone.trim() === '' ? undefined : values.adminPhone });

/** Field errors as message keys (with {n} for lengths), from the schema the server uses. */
export function checkForm(values: FormValues, editing: boolean): { errors: FieldErrors; params: Partial<Record<FieldName, Record<string, number>>> } {
  return registrationErrors(editing ? OrgEditSchema : OrgFormSchema, bodyOf(values, editing), 'adminPhone', values.adminPhone);
}

export function registerOrg(values: FormValues): Promise<Failure | null> {
  return attempt(async () => {
    org.value = (await call(orgAdminApi.register, { body: v.parse(OrgFormSchema, bodyOf(values, false)) })).org;
  });
}

export function editOrg(values: FormValues): Promise<Failure | null> {
  return attempt(async () => {
    org.value = (await call(orgAdminApi.edit, { body: v.parse(OrgEditSchema, bodyOf(values, true)) })).org;
  });
}

export function loadMembers(): Promise<Failure | null> {
  return attempt(async () => {
    members.value = (await call(orgAdminApi.members)).members;
  });
}

export function removeMember(tag: string): Promise<Failure | null> {
  return attempt(async () => {
    await call(orgAdminApi.removeMember, { params: { tag } });
    members.value = members.value?.filter((m) => m.tag !== tag);
    if (day.value) void loadDay(day.value.day);
    if (org.value) org.value = { ...org.value, members: Math.max(0, org.value.members - 1) };
  });
}

/** The day's table; undefined = today in the organisation's zone. */
export async function loadDay(theDay?: string): Promise<void> {
  try {
    day.value = await call(orgAdminApi.day, { query: theDay ? { day: theDay } : {} });
    dayError.value = null;
  } catch (e) {
    dayError.value = failureCode(e).code;
  }
}

/** The file of a day, in a language: a link the browser downloads. */
export function exportHref(format: 'csv' | 'xlsx', theDay: string, lang: 'zh-CN' | 'en'): string {
  const path = format === 'csv' ? orgAdminApi.exportCsv.path : orgAdminApi.exportXlsx.path;
  return `${path}?${new URLSearchParams({ day: theDay, lang }).toString()}`;
}
