// Binding this inspector to a venue by its declaration code (场所申报码), scanned with the camera,
// pasted or read by a hardware scanner into the same field as health codes; and leaving a venue.
// Both need the network: the server keeps who is bound where.

import { signal } from '@preact/signals';
import * as v from 'valibot';
import { DeclarationCodeSchema } from '../../../shared/api/venue-manager.js';
import { venuesApi, type Venue } from '../../../shared/api/venues.js';
import { call, failureCode, type FailureCode } from '../../http.js';
import { loadVenues, pickVenue, venueId } from './venues.js';

export type BindingNotice = { kind: 'bound'; venue: Venue } | { kind: 'left'; name: string } | { kind: 'failed'; code: FailureCode };

export const bindingNotice = signal<BindingNotice | null>(null);
export const binding = signal(false);

/** Whether a scanned text is a venue declaration code rather than a health code. */
export const isDeclarationCode = (text: string): boolean => v.is(DeclarationCodeSchema, text);

export async function bindByCode(text: string): Promise<void> {
  const declarationCode = v.parse(DeclarationCodeSchema, text);
  binding.value = true;
  try {
    const { venue } = await call(venuesApi.bind, { body: { declarationCode }, timeoutMs: 10_000 });
    await loadVenues();
    await pickVenue(venue.id);
    bindingNotice.value = { kind: 'bound', venue };
  } catch (e) {
    bindingNotice.value = { kind: 'failed', code: failureCode(e).code };
  } finally {
    binding.value = false;
  }
}

export async function leaveVenue(venue: Venue): Promise<void> {
  binding.value = true;
  try {
    await call(venuesApi.leave, { params: { id: venue.id }, timeoutMs: 10_000 });
    if (venueId.value === venue.id) await pickVenue('');
    await loadVenues();
    bindingNotice.value = { kind: 'left', name: venue.name };
  } catch (e) {
    bindingNotice.value = { kind: 'failed', code: failureCode(e).code };
  } finally {
    binding.value = false;
  }
}

