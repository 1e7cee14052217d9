// Daily health declarations (健康申报): what a person declares, and the one rule for which of a day's
// declarations counts. Declarations are never edited or deleted: submitting again supersedes, and
// the latest per person, organisation (or none: a personal self-check) and local day is the one
// that counts. The server, the organisation's table and the person's records all use this rule.

/** The symptoms the form asks about; `none` is said by sending none of them. */
export const SYMPTOMS = ['fever', 'cough', 'sore-throat', 'fatigue', 'loss-of-smell-taste', 'breathing-difficulty'] as const;
export type Symptom = (typeof SYMPTOMS)[number];

/** °C: from this temperature on a declaration reports a fever (the same threshold venues use by default). */
export const FEVER_FROM = 37.3;

/** How far back a declaration made offline may be sent and still count on its day. */
export const DECLARATION_MAX_AGE_MS = 48 * 3_600_000;
/** How far ahead of the server's clock a phone's clock may be. */
export const DECLARATION_MAX_AHEAD_MS = 10 * 60_000;

export interface Ranked {
  id: string;
  declaredAt: number;
  receivedAt: number;
}

/** Latest first: by the time declared, then received, then id (so two phones agree on a tie). */
export function latestFirst<T extends Ranked>(a: T, b: T): number {
  return b.declaredAt - a.declaredAt || b.receivedAt - a.receivedAt || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);
}

/**
 * Groups declarations by `key` (person, organisation and day) and marks all but the latest of each
 * group superseded. Returns them latest first.
 */
export function markSuperseded<T extends Ranked>(declarations: readonly T[], key: (d: T) => string): (T & { superseded: boolean })[] {
  const sorted = [...declarations].sort(latestFirst);
  const seen = new Set<string>();
  return sorted.map((d) => {
    const k = key(d);
    const superseded = seen.has(k);
    seen.add(k);
    return { ...d, superseded };
  });
}
