// Who is acting: a signed-in account (from its session) or an operator at the command line. Routes,
// services, the CLI and the audit log all speak of actors, so every action can name who did it.

import type { Role } from '../../shared/roles.js';

export interface UserActor {
  kind: 'user';
  /** The account id. */
  id: string;
  role: Role;
  /** The person the account belongs to (holders); null for staff accounts without one. */
  personId: string | null;
  /** The public id of the session the request came with (absent for actors made elsewhere). */
  sessionId?: string;
}

export interface OperatorActor {
  kind: 'operator';
  /** Who ran the command: the OS user, or the name given with --as. */
  name: string;
}

/** The server itself, e.g. making its first keys at start. */
export interface SystemActor {
  kind: 'system';
  name: string;
}

export type Actor = UserActor | OperatorActor | SystemActor;

/** How an actor is written in the audit log: never a phone number or a name from the people table. */
export function actorLabel(actor: Actor): string {
  return actor.kind === 'user' ? `user:${actor.id}` : `${actor.kind}:${actor.name}`;
}

export const userActor = (id: string, role: Role, personId: string | null): UserActor => ({ kind: 'user', id, role, personId });
