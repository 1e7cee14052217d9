// The deployment's live-code policy as this gate holds it (the transition switch and the live
// tolerance), refreshed with the lists and kept on the phone, so an offline gate judges codes as
// the server will re-judge them. Until the first answer, the defaults: the switch on, ±2 min.

import { signal } from '@preact/signals';
import { gateApi, type GatePolicy } from '../../../shared/api/gate.js';
import { DEFAULT_LIVE_TOLERANCE_MS } from '../../../shared/clock.js';
import { appDb, getMeta, setMeta } from '../../db/db.js';
import { call } from '../../http.js';

export const DEFAULT_POLICY: GatePolicy = { acceptWithoutProof: true, liveToleranceMs: DEFAULT_LIVE_TOLERANCE_MS };

export const policy = signal<GatePolicy>(DEFAULT_POLICY);

export async function loadHeldPolicy(): Promise<void> {
  const held = await getMeta(appDb(), 'gatePolicy').catch(() => undefined);
  if (held) policy.value = held;
}

/** Asks the server; a failure keeps what the phone holds (the lists' refresh reports network trouble). */
export async function refreshPolicy(): Promise<void> {
  const fresh = await call(gateApi.policy, { timeoutMs: 15_000 });
  policy.value = fresh;
  await setMeta(appDb(), 'gatePolicy', fresh);
}
