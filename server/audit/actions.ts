// Every privileged action the audit log knows, with the kind of thing it acts on. Adding an action
// is one line here; a free-text action cannot reach the log.

export const TARGET_KINDS = ['person', 'key', 'trust-root', 'system', 'phone', 'venue', 'account', 'import', 'feed-token', 'org'] as const;
export type TargetKind = (typeof TARGET_KINDS)[number];

export const AUDIT_ACTIONS = {
  'trust-root.create': 'trust-root',
  'signing-key.create': 'key',
  'signing-key.withdraw': 'key',
  'code.issue': 'person',
  'person.set-status': 'person',
  'demo.seed': 'system',
  /** Target: a keyed hash of the phone number (never the number). */
  'sign-in.success': 'phone',
  'sign-in.failure': 'phone',
  'venue.export': 'venue',
  'account.change-phone': 'account',
  'account.unbind-phone': 'account',
  'account.export': 'account',
  'account.delete': 'account',
  'venue.register': 'venue',
  'venue.edit': 'venue',
  'venue.hand-over': 'venue',
  'venue.bind-inspector': 'venue',
  'venue.unbind-inspector': 'venue',
  'venue.leave': 'venue',
  'registry.import': 'system',
  'traveller.sign-up': 'person',
  'member.add': 'person',
  /** A resident bound their own account to their identity document. */
  'identity.bind': 'person',
  /** A resident without an account signed up: the account made for the phone and bound to their identity. */
  'resident.sign-up': 'person',
  'member.remove': 'person',
  'printed-code.issue': 'person',
  'status.import': 'import',
  'status.sweep': 'system',
  'person.correct-status': 'person',
  'person.lookup': 'person',
  'feed-token.create': 'feed-token',
  'feed-token.revoke': 'feed-token',
  'signing-key.activate': 'key',
  'signing-key.retire': 'key',
  'org.register': 'org',
  'org.edit': 'org',
  'org.remove-member': 'org',
  'org.export': 'org',
  'org.join': 'org',
  'org.leave': 'org',
} as const satisfies Record<string, TargetKind>;
export type AuditAction = keyof typeof AUDIT_ACTIONS;
