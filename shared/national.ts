// The national platform's health code and this system's local one can disagree (a feed from
// another system lags, or the province decided differently). The person then sees both, which one
// applies here, and what to do — never silence. The rule that finds a disagreement is in
// server/authority/rules.ts; the words are in national-guidance.ts.

import * as v from 'valibot';

/** The colours of the national platform's health code (this system's own code has only green and red). */
export const NATIONAL_STATES = ['green', 'yellow', 'red'] as const;
export type NationalState = (typeof NATIONAL_STATES)[number];

/**
 * `national-stricter`: the national code is yellow or red, the local one green.
 * `local-stricter`: the national code is green, the local one red.
 */
export const NATIONAL_DISAGREEMENTS = ['national-stricter', 'local-stricter'] as const;
export type NationalDisagreement = (typeof NATIONAL_DISAGREEMENTS)[number];

/** What the person's answers carry: the latest national state and whether it disagrees. */
export const NationalViewSchema = v.strictObject({
  state: v.picklist(NATIONAL_STATES),
  /** Epoch ms: when the national platform gave it. */
  asOf: v.number(),
  disagreement: v.nullable(v.picklist(NATIONAL_DISAGREEMENTS)),
});
export type NationalView = v.InferOutput<typeof NationalViewSchema>;

