// How each verdict looks, sounds and what it lets the inspector do, in one table: its tone (colour
// and icon), its title, the presence line (live, printed, not live-checked), and whether the scan
// can be saved as a check (a genuine, readable code) or only re-scanned or logged as refused.

import type { Verdict, VerdictKind } from '../../../shared/code/verify.js';
import type { GateKey } from './strings.js';

/** Green may pass; red must not; amber is "check by hand"; replay is its own colour, icon and sound. */
export type Tone = 'green' | 'red' | 'amber' | 'replay';

const TONE: Record<VerdictKind, Tone> = {
  green: 'green',
  red: 'red',
  'red-listed': 'red',
  'bad-signature': 'red',
  'unknown-key': 'red',
  'cannot-confirm': 'amber',
  expired: 'amber',
  'not-yet-valid': 'amber',
  malformed: 'amber',
  replay: 'replay',
};

export const ICON: Record<Tone, string> = { green: '✓', red: '✕', amber: '!', replay: '⟲' };

/**
 * A scan that is a genuine, readable code of a person can be saved as a check (temperature and
 * all), whatever its colour. Anything else (unreadable, forged, unknown key, not shown live) can
 * only be scanned again, or logged as a refused entry, which is not a check.
 */
const CHECKABLE: ReadonlySet<VerdictKind> = new Set(['green', 'red', 'red-listed', 'cannot-confirm', 'expired', 'not-yet-valid']);

export const toneOfKind = (kind: VerdictKind): Tone => TONE[kind];
export const toneOf = (v: Verdict): Tone => TONE[v.kind];
export const isCheckable = (v: Verdict): boolean => CHECKABLE.has(v.kind);

/**
 * The presence chip, where it adds to the title: "live code" on any code shown live, "printed code ·
 * check the ID" on a printed code whose title does not say so already. A green code shown without
 * proof says "not live-checked" in its title; on other colours how it was shown does not matter.
 */
export function presenceKey(v: Verdict): GateKey | null {
  if (!('presence' in v) || v.kind === 'replay') return null;
  if (v.presence === 'live') return 'presence.live';
  if (v.presence === 'printed' && v.kind !== 'green') return 'presence.printed';
  return null;
}

/** The title: kind first; a green printed or not-live-checked code says so in its title too. */
export function titleKey(v: Verdict): GateKey {
  if (v.kind === 'green' && v.presence === 'printed') return 'verdict.green-printed';
  if (v.kind === 'green' && v.presence === 'not-live-checked') return 'verdict.green-not-live';
  return `verdict.${v.kind}`;
}

/** What a speaking gate says: the title, shortened to what matters. */
export function spokenKey(v: Verdict): GateKey {
  return `speak.${titleKey(v).slice('verdict.'.length)}` as GateKey;
}
