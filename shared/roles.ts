// Who can do what: the roles an account can hold. The contract (shared/api) names them per endpoint.

export const ROLES = ['holder', 'inspector', 'manager', 'org-admin', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** Roles that work for an organisation or the authority; they get shorter sessions than holders. */
export const STAFF_ROLES: readonly Role[] = ['inspector', 'manager', 'org-admin', 'admin'];
