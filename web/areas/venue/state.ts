// The manager's venue on the page: loaded from the server (no offline copy: this is office work),
// registered, changed, its inspectors listed and unbound, the role handed over. Signals and actions.

import { signal } from '@preact/signals';
import * as v from 'valibot';
import { venueManagerApi, VenueEditSchema, VenueFormSchema, type VenueDetails, type VenueMember } from '../../../shared/api/venue-manager.js';
import { call, failureCode, type FailureCode } from '../../http.js';
import { attempt, registrationErrors, type Failure, type FieldMessage } from '../../ui/registration-form.js';

export type { Failure };

/** undefined while loading; null when the manager has no venue yet. */
export const venue = signal<VenueDetails | null | undefined>(undefined);
export const loadError = signal<FailureCode | null>(null);
export const inspectors = signal<VenueMember[] | undefined>(undefined);

export type FieldName = 'areaCode' | 'address' | 'type' | 'name' | 'contactPhone';
/** Message keys of this area's table. */
export type FieldErrors = Partial<Record<FieldName, FieldMessage>>;

export async function loadVenue(): Promise<void> {
  try {
    venue.value = (await call(venueManagerApi.get)).venue;
    loadError.value = null;
  } catch (e) {
    loadError.value = failureCode(e).code;
  }
}

/** The form's values as typed; checked with the same schema the server uses. */
export interface FormValues {
  areaCode: string;
  address: string;
  type: string;
  name: string;
  contactPhone: string;
}

/** Field errors as message keys of this area's table (with {n} for lengths), or none. */
export function checkForm(values: FormValues, editing: boolean): { errors: FieldErrors; params: Partial<Record<FieldName, Record<string, number>>> } {
  const input = { ...values, contactPhone: editing && values.contactPhone.trim() === '' ? undefined : values.contactPhone };
  return registrationErrors(editing ? VenueEditSchema : VenueFormSchema, input, 'contactPhone', values.contactPhone);
}

export function registerVenue(values: FormValues): Promise<Failure | null> {
  return attempt(async () => {
    venue.value = (await call(venueManagerApi.register, { body: v.parse(VenueFormSchema, values) })).venue;
  });
}

export function editVenue(values: FormValues): Promise<Failure | null> {
  const body = v.parse(VenueEditSchema, { ...values, contactPhone: values.contactPhone.trim() === '' ? undefined : values.contactPhone });
  return attempt(async () => {
    venue.value = (await call(venueManagerApi.edit, { body })).venue;
  });
}

export async function loadInspectors(): Promise<Failure | null> {
  return attempt(async () => {
    inspectors.value = (await call(venueManagerApi.inspectors)).inspectors;
  });
}

export function unbindInspector(tag: string): Promise<Failure | null> {
  return attempt(async () => {
    await call(venueManagerApi.unbind, { params: { tag } });
    inspectors.value = inspectors.value?.filter((i) => i.tag !== tag);
  });
}

export function handOver(phone: string): Promise<Failure | null> {
  return attempt(async () => {
    await call(venueManagerApi.handOver, { body: { phone } });
    venue.value = null;
    inspectors.value = undefined;
  });
}
