// Sex and age band of a checked person, derived on the server at merge from their identity document:
// a mainland ID number carries the birth date and the sex; any other document (or none) is unknown.
// Only these two coarse facts reach the checkpoint record — never the document number itself.

import { ageBand, identityFacts, type AgeBand, type Sex } from '../../shared/documents.js';

export interface Demographics {
  sex: Sex | null;
  ageBand: AgeBand | null;
}

export const UNKNOWN_DEMOGRAPHICS: Demographics = { sex: null, ageBand: null };

/** From the person's document number as the people table keeps it; the age on the capture's local day. */
export function demographicsOf(documentNo: string | null | undefined, capturedAt: number, timeZone: string): Demographics {
  if (!documentNo) return UNKNOWN_DEMOGRAPHICS;
  const at = new Date(capturedAt);
  // The check refuses a birth date after the capture's day, so ageBand below cannot throw.
  const facts = identityFacts('mainland-id', documentNo, { now: at, timeZone });
  if (!facts) return UNKNOWN_DEMOGRAPHICS;
  return { sex: facts.sex, ageBand: ageBand(facts.birthDate, at, timeZone) };
}
