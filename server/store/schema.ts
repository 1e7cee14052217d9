// Table types for Kysely. Times are epoch milliseconds (BIGINT on PostgreSQL, parsed to number).
// Booleans are 0/1 integers so that both engines store them the same way.

import type { Generated } from 'kysely';
import type { Role } from '../../shared/roles.js';

export interface PeopleTable {
  id: string;
  /** Opaque subject reference carried in codes (base64url of 8 random bytes). */
  sub: string;
  name: string;
  document_no: string | null;
  status: 'green' | 'red';
  reason: string;
  status_changed_at: number;
  created_at: number;
  /** Migration 013: the document the person is (document_no holds its canonical number). */
  document_type: string | null;
  /** ISO 3166-1 alpha-2, travellers. */
  country: string | null;
  /** 'resident' or 'traveller': the kind of their own phone code. */
  kind: Generated<'resident' | 'traveller'>;
  /** The next instant the person's feeds give another status, when one is scheduled (migration 015). */
  status_until: Generated<number | null>;
  /** The national platform's latest health state (green, yellow, red) and when it gave it (migration 018). */
  national_state: Generated<string | null>;
  national_state_at: Generated<number | null>;
}

export interface UsersTable {
  id: string;
  /** E.164. */
  phone: string;
  role: Role;
  person_id: string | null;
  created_at: number;
}

export interface VenuesTable {
  id: string;
  name: string;
  created_at: number;
  /** IANA zone the venue's day turns in (migration 002). */
  time_zone: Generated<string>;
  /** °C from which a temperature counts as a fever at this venue (migration 002). */
  fever_threshold: Generated<number>;
  /** The venue's one manager (migration 009). */
  manager_user_id: Generated<string | null>;
  /** GB/T 2260 township or street code (migration 013); null for venues made before registration existed. */
  area_code: string | null;
  address: Generated<string>;
  /** One of VENUE_TYPES (shared/api/venue.ts). */
  venue_type: Generated<string>;
  /** E.164; never sent to anyone in full. */
  contact_phone: string | null;
  /** The venue's fixed declaration code (场所申报码) inspectors bind with; unique. */
  declaration_code: string | null;
  /** When the manager last changed the venue (once per natural week), epoch ms. */
  edited_at: number | null;
}

/** A venue day's raw counts and whether they are up to date with its records (migration 009). */
export interface VenueDaysTable {
  venue_id: string;
  day: string;
  changed: number;
  counted: number;
  /** JSON object "dim:key" → n. */
  counts: Generated<string>;
}

export interface InspectorVenuesTable {
  user_id: string;
  venue_id: string;
  created_at: number;
}

/** A span of an inspector's binding to a venue; unbound_at null while it lasts (migration 017). */
export interface InspectorBindingsTable {
  user_id: string;
  venue_id: string;
  bound_at: number;
  unbound_at: number | null;
}

export interface SessionsTable {
  /** SHA-256 of the cookie token, hex: the token itself is never stored. */
  token_hash: string;
  user_id: string;
  created_at: number;
  expires_at: number;
  remember: number;
  user_agent: string;
  /** Public id a person ends the session by (migration 008): never the token or its hash. */
  id: string;
  /** When the session was last used, updated at most every few minutes (migration 008). */
  last_seen_at: number;
  /** When this session last proved the phone again with a fresh SMS code (migration 015). */
  reverified_at: number | null;
}

export interface OtpChallengesTable {
  id: string;
  phone: string;
  /** HMAC-SHA-256 of the code under the server's OTP key, hex. */
  code_hmac: string;
  created_at: number;
  expires_at: number;
  attempts: number;
  used_at: number | null;
}

export interface RateEventsTable {
  id: Generated<number>;
  /** e.g. "otp:phone:+8613800000000" or "otp:ip:127.0.0.1". */
  key: string;
  at: number;
}

export interface DevSmsTable {
  id: Generated<number>;
  phone: string;
  body: string;
  created_at: number;
}

export interface SigningKeysTable {
  /** base64url kid (8 bytes of SHA-256 over the SPKI). */
  kid: string;
  public_jwk: string;
  valid_from: number;
  valid_to: number;
  state: 'standby' | 'active' | 'retired' | 'withdrawn';
  created_at: number;
  /** Withdrawn keys: codes signed from here on are refused; null = all of them (migration 015). */
  withdrawn_from: Generated<number | null>;
}

export interface SettingsTable {
  key: string;
  value: string;
}

export interface RedListEntriesTable {
  entry: string;
  person_id: string;
  added_version: number;
  /** When every code the entry can catch has expired (migration 015); null: kept until removed. */
  expires_at: Generated<number | null>;
}

export interface RedListChangesTable {
  version: Generated<number>;
  entry: string;
  op: 'add' | 'remove';
  at: number;
}

export interface DevicesTable {
  device_id: string;
  inspector_id: string;
  max_seq: number;
  last_seen_at: number;
  /** The trust-list and red-list versions the device reported at its latest sync (migration 015). */
  trust_version: Generated<number | null>;
  red_list_version: Generated<number | null>;
}

export interface CheckpointRecordsTable {
  id: string;
  device_id: string;
  seq: number;
  batch_id: string;
  venue_id: string;
  inspector_id: string;
  code: string;
  /** From the re-verified code; null when the code could not be read. */
  sub: string | null;
  temperature: number;
  client_verdict: string;
  server_verdict: string;
  captured_at: number;
  received_at: number;
  /** Local calendar day of captured_at, YYYY-MM-DD, for daily counts. */
  day: string;
  supersedes: string | null;
  content_hash: string;
  /** Comma-separated RecordFlag values, '' when none. */
  flags: string;
  clock_skew_ms: number;
  /** From the person's mainland ID at merge (migration 009); null when unknown. */
  sex: 'male' | 'female' | null;
  /** AGE_BANDS value on the day of capture (migration 009); null when unknown. */
  age_band: string | null;
  /** Local hour 0–23 of captured_at in the venue's zone (migration 009). */
  hour: number | null;
  /** 'gate' (an inspector's check) or 'checkin' (a visitor's sunflower-code check-in) (migration 009). */
  via: Generated<string>;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: number;
  actor: string;
  action: string;
  /** kind:id of what was acted on (migration 002). */
  target: string;
  detail: string;
  /** Place in the hash chain, 1, 2, 3 … (migration 014; null only in a row written by hand). */
  seq: number | null;
  prev_hash: string | null;
  hash: string | null;
}

/** One import of a status feed, applied or not (migration 015). */
export interface StatusImportsTable {
  id: string;
  feed: string;
  channel: string;
  actor: string;
  at: number;
  dry_run: number;
  applied: number;
  accepted: number;
  rejected: number;
  status_changes: number;
  red_list_added: number;
  red_list_removed: number;
  report: string;
}

export interface FeedTestResultsTable {
  id: Generated<number>;
  import_id: string;
  document_type: string;
  document_number: string;
  test_kind: string;
  result: string;
  institution: string;
  sampled_at: number;
  reported_at: number;
}

export interface FeedKeyPopulationTable {
  id: Generated<number>;
  import_id: string;
  document_type: string;
  document_number: string;
  category: string;
  start_date: string;
  end_date: string | null;
  source_note: string;
}

/** The national platform's health state of a person at a time (migration 018). */
export interface FeedNationalStateTable {
  id: Generated<number>;
  import_id: string;
  document_type: string;
  document_number: string;
  state: string;
  as_of: number;
}

/** Append-only: a person's status changes, each with its cause (migration 015). */
export interface StatusEventsTable {
  id: Generated<number>;
  person_id: string;
  at: number;
  from_status: string;
  status: string;
  reason: string;
  cause: string;
  actor: string;
}

export interface SyncRejectionsTable {
  device_id: string;
  reason: string;
  n: number;
  last_at: number;
}

export interface FeedTokensTable {
  id: string;
  source: string;
  feeds: string;
  token_hash: string;
  created_at: number;
  revoked_at: number | null;
}

/** A holder phone's public device key (migration 007). */
export interface DeviceKeysTable {
  user_id: string;
  key_id: string;
  /** Compressed P-256 point, base64url. */
  cnf: string;
  created_at: number;
  last_used_at: number;
}

/**
 * Accounts deleted at their owner's request (migration 015): the receipt they were given. The
 * account row stays (other rows point at it) with its phone replaced; the person row with its
 * name and document number emptied, its id and code subject kept as the pseudonym.
 */
export interface AccountDeletionsTable {
  receipt_id: string;
  user_id: string;
  person_id: string | null;
  deleted_at: number;
  /** JSON: what was deleted and what is kept pseudonymised (categories only, no personal data). */
  summary: string;
}

/** Test results of a person (migration 015). */
export interface TestResultsTable {
  id: string;
  person_id: string;
  kind: 'nucleic-acid' | 'antibody';
  result: 'negative' | 'positive';
  institution: string;
  sampled_at: number;
  reported_at: number;
}

/** Border entries of a person (migration 015). */
export interface EntryRecordsTable {
  id: string;
  person_id: string;
  country: string;
  document_type: string;
  document_number: string;
  entry_date: string;
  port: string;
  transport: 'air' | 'sea' | 'land' | 'rail';
  transport_detail: string;
}

/** Health certificates and medical-observation release notices (migration 015). */
export interface HealthNoticesTable {
  id: string;
  person_id: string;
  kind: 'health-certificate' | 'observation-release';
  state: 'valid' | 'expired' | 'revoked' | 'released';
  issuer: string;
  issued_at: number;
  valid_until: number | null;
}

/** Code displays (亮码记录) reported by holder phones (migration 015). */
export interface CodeDisplaysTable {
  id: string;
  user_id: string;
  person_id: string;
  shown_at: number;
  status: 'green' | 'red';
  offline: number;
  reported_at: number;
}

/** A visitor's sunflower check-in (migration 015). */
export interface CheckinsTable {
  id: string;
  user_id: string;
  sub: string;
  venue_id: string;
  inspector_tag: string;
  day: string;
  captured_at: number;
  received_at: number;
  code_kid: string;
  /** The inspector whose code it was, when a binding of the venue had its tag (migration 017). */
  inspector_id: string | null;
  /** As on checkpoint records, derived from the visitor's mainland ID; null when unknown (migration 017). */
  sex: 'male' | 'female' | null;
  age_band: string | null;
  /** Local hour 0–23 of captured_at in the venue's zone (migration 017). */
  hour: number | null;
  /** The visitor's status when the check-in reached the server (migration 017). */
  status: Generated<'green' | 'red'>;
}

/** One person of the entry manifest or another registry source (migration 013). */
export interface IdentityRegistryTable {
  document_type: string;
  document_number: string;
  name: string;
  country: string | null;
  imported_at: number;
}

/** An account that looks after a person other than its own (migration 013). */
export interface GuardianshipsTable {
  user_id: string;
  person_id: string;
  relation: 'companion' | 'family';
  created_at: number;
}

/** A traveller's personal return link (migration 013). */
export interface TravellerLinksTable {
  token_hash: string;
  user_id: string;
  created_at: number;
  expires_at: number;
  used_at: number | null;
}

/** A printed code (migration 013); revoked ones are on the red list by their id. */
export interface PrintedCodesTable {
  id: string;
  person_id: string;
  seq: number;
  issued_at: number;
  expires_at: number;
  revoked_at: number | null;
}

/** An organisation as its admin registered it (migration 016). */
export interface OrganisationsTable {
  id: string;
  name: string;
  /** One of ORG_KINDS (shared/api/orgs.ts). */
  kind: string;
  /** GB/T 2260 code at any level. */
  area_code: string;
  admin_user_id: string;
  /** E.164; never sent to anyone in full. */
  admin_phone: string;
  join_code: string;
  time_zone: string;
  created_at: number;
  /** When the admin last changed it (once per natural week), epoch ms. */
  edited_at: number | null;
}

export interface OrgMembersTable {
  org_id: string;
  person_id: string;
  user_id: string;
  /** What the organisation knows the member by, as the member typed it. */
  label: string;
  joined_at: number;
}

/** Daily health declarations, append-only (migration 016). */
export interface HealthDeclarationsTable {
  id: string;
  person_id: string;
  user_id: string;
  /** '' for a personal self-check. */
  org_id: string;
  day: string;
  declared_at: number;
  received_at: number;
  /** Comma-separated SYMPTOMS, '' for none. */
  symptoms: string;
  temperature: number;
  travel: number;
  travel_where: string;
  key_contact: number;
}

export interface Database {
  people: PeopleTable;
  users: UsersTable;
  venues: VenuesTable;
  inspector_venues: InspectorVenuesTable;
  inspector_bindings: InspectorBindingsTable;
  sessions: SessionsTable;
  /** PostgreSQL only (migration 024): moves whenever a session or an account may have changed. */
  session_epoch: { id: number; epoch: number };
  otp_challenges: OtpChallengesTable;
  rate_events: RateEventsTable;
  dev_sms: DevSmsTable;
  signing_keys: SigningKeysTable;
  settings: SettingsTable;
  red_list_entries: RedListEntriesTable;
  red_list_changes: RedListChangesTable;
  devices: DevicesTable;
  checkpoint_records: CheckpointRecordsTable;
  audit_log: AuditLogTable;
  device_keys: DeviceKeysTable;
  venue_days: VenueDaysTable;
  test_results: TestResultsTable;
  entry_records: EntryRecordsTable;
  health_notices: HealthNoticesTable;
  code_displays: CodeDisplaysTable;
  account_deletions: AccountDeletionsTable;
  checkins: CheckinsTable;
  identity_registry: IdentityRegistryTable;
  guardianships: GuardianshipsTable;
  traveller_links: TravellerLinksTable;
  printed_codes: PrintedCodesTable;
  status_imports: StatusImportsTable;
  feed_test_results: FeedTestResultsTable;
  feed_key_population: FeedKeyPopulationTable;
  feed_national_state: FeedNationalStateTable;
  status_events: StatusEventsTable;
  feed_tokens: FeedTokensTable;
  sync_rejections: SyncRejectionsTable;
  organisations: OrganisationsTable;
  org_members: OrgMembersTable;
  health_declarations: HealthDeclarationsTable;
}
