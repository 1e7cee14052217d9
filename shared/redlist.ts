// The red list: subjects whose code turned red after it was issued. Entries are a truncated
// salted hash of the code's opaque subject reference, so the list holds no personal data.
// Served as a snapshot or as the delta since a version, always with the total so a device can
// tell whether it holds the whole list.

import * as v from 'valibot';
import { concatBytes, toBase64Url, utf8 } from './bytes.js';
import { sha256Sync } from './sha256.js';

const Entry = v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{16}$/));
const MAX_ENTRIES = 2_000_000;

export const RedListSchema = v.strictObject({
  v: v.literal(1),
  version: v.pipe(v.number(), v.integer(), v.minValue(0)),
  issuedAt: v.number(),
  salt: v.pipe(v.string(), v.maxLength(64)),
  total: v.pipe(v.number(), v.integer(), v.minValue(0)),
  snapshot: v.optional(v.pipe(v.array(Entry), v.maxLength(MAX_ENTRIES))),
  delta: v.optional(
    v.strictObject({
      since: v.pipe(v.number(), v.integer(), v.minValue(0)),
      added: v.pipe(v.array(Entry), v.maxLength(MAX_ENTRIES)),
      removed: v.pipe(v.array(Entry), v.maxLength(MAX_ENTRIES)),
    }),
  ),
});
export type RedListMessage = v.InferOutput<typeof RedListSchema>;

/** What a device keeps. */
export interface RedList {
  version: number;
  /** Epoch ms of the server's last answer: the list's age is measured from here. */
  issuedAt: number;
  salt: string;
  entries: Set<string>;
}

export function redListEntry(salt: string, sub: Uint8Array): string {
  return toBase64Url(sha256Sync(concatBytes(utf8(salt), sub)).slice(0, 12));
}

/**
 * Applies a snapshot or a delta. Returns undefined when the result cannot be trusted to be the
 * whole list (a delta from another base, or a total that does not match): fetch a snapshot then.
 */
export function applyRedList(held: RedList | undefined, msg: RedListMessage): RedList | undefined {
  let entries: Set<string>;
  if (msg.snapshot) entries = new Set(msg.snapshot);
  else if (msg.delta && held && held.version === msg.delta.since && held.salt === msg.salt) {
    entries = new Set(held.entries);
    for (const e of msg.delta.removed) entries.delete(e);
    for (const e of msg.delta.added) entries.add(e);
  } else return undefined;
  if (entries.size !== msg.total) return undefined;
  return { version: msg.version, issuedAt: msg.issuedAt, salt: msg.salt, entries };
}
