// The one way into the audit log: record(store, entry) with a typed actor, action and target. Call
// it with the transaction that makes the change, so the change and its entry land together.

import { actorLabel, type Actor } from '../auth/actor.js';
import type { Store } from '../store/store.js';
import { AUDIT_ACTIONS, type AuditAction } from './actions.js';

export interface AuditEntry<A extends AuditAction = AuditAction> {
  at: number;
  actor: Actor;
  action: A;
  /** The id of the thing acted on; its kind comes with the action. Never a phone number or a name. */
  targetId: string;
  /** Machine-readable detail, never a phone number or a name. */
  detail?: Record<string, unknown>;
}

export async function record<A extends AuditAction>(store: Store, entry: AuditEntry<A>): Promise<void> {
  await store.audit.append({
    at: entry.at,
    actor: actorLabel(entry.actor),
    action: entry.action,
    target: `${AUDIT_ACTIONS[entry.action]}:${entry.targetId}`,
    detail: entry.detail ?? {},
  });
}
