// What the health authority's console shows and does, apart from imports: the overview (red list,
// keys, adoption of the latest changes by gate devices, sync health, recent imports), person lookup
// by document number (each one audited with who, when and why), and feed-source tokens.

import { createHash, randomBytes } from 'node:crypto';
import type { ImportSummary, KeyView, LookupCode, LookupResult, Overview } from '../../shared/api/authority.js';
import { CODE_DISPLAY_DAYS } from '../../shared/api/records.js';
import type { CodeStatus, RedReason } from '../../shared/code/claims.js';
import { ForbiddenError, UnauthenticatedError } from '../../shared/errors.js';
import type { FeedKind } from '../../shared/feeds.js';
import { uuidv7 } from '../../shared/uuid.js';
import { record } from '../audit/log.js';
import type { Actor } from '../auth/actor.js';
import { LAST_WITHDRAWAL_SETTING, type KeyInfo, type KeyRing } from '../keys/keyring.js';
import type { RedListService } from '../lists/redlist.js';
import type { StatusImportRow } from '../store/status.js';
import { nationalView } from './rules.js';
import type { Store } from '../store/store.js';

const DAY = 86_400_000;
export const ACTIVE_DEVICE_DAYS = 14;
export const STALE_DEVICE_HOURS = 24;
const LIST_LIMIT = 50;

export function importSummary(r: StatusImportRow): ImportSummary {
  return {
    id: r.id,
    feed: r.feed as FeedKind,
    channel: r.channel,
    actor: r.actor,
    at: r.at,
    dryRun: r.dry_run === 1,
    applied: r.applied === 1,
    accepted: r.accepted,
    rejected: r.rejected,
    changes: { statusChanges: r.status_changes, redListAdded: r.red_list_added, redListRemoved: r.red_list_removed, redListVersion: 0 },
  };
}

export function keyView(k: KeyInfo): KeyView {
  return { kid: k.kid, state: k.state, validFrom: k.validFrom, validTo: k.validTo, ...(k.withdrawnFrom === undefined ? {} : { withdrawnFrom: k.withdrawnFrom }), createdAt: k.createdAt };
}

export class AuthorityConsole {
  constructor(
    private readonly store: Store,
    private readonly keys: KeyRing,
    private readonly redList: RedListService,
    private readonly now: () => number = Date.now,
  ) {}

  async overview(): Promise<Overview> {
    const now = this.now();
    const [size, version, trustVersion, keys, lastWithdrawal, devices, rejections, imports] = await Promise.all([
      this.store.redList.countEntries(),
      this.store.redList.version(),
      this.keys.trustVersion(),
      this.keys.list(),
      this.store.settings.get(LAST_WITHDRAWAL_SETTING),
      this.store.records.devices(),
      this.store.records.rejectionsByReason(),
      this.store.status.imports(20),
    ]);
    const withdrawalVersion = lastWithdrawal === undefined ? null : Number(lastWithdrawal);
    const active = devices.filter((d) => now - d.last_seen_at <= ACTIVE_DEVICE_DAYS * DAY);
    const hasWithdrawal = (d: (typeof devices)[number]) => withdrawalVersion === null || (d.trust_version ?? 0) >= withdrawalVersion;
    const hasRedList = (d: (typeof devices)[number]) => (d.red_list_version ?? -1) >= version;
    const view = (d: (typeof devices)[number]) => ({ deviceId: d.device_id, lastSeenAt: d.last_seen_at, trustVersion: d.trust_version, redListVersion: d.red_list_version });
    return {
      now,
      redList: { size, version },
      trust: { version: Math.max(trustVersion, 1), latestWithdrawalVersion: withdrawalVersion, keys: keys.map(keyView) },
      adoption: {
        activeDays: ACTIVE_DEVICE_DAYS,
        activeDevices: active.length,
        withLatestWithdrawal: active.filter(hasWithdrawal).length,
        withLatestRedList: active.filter(hasRedList).length,
        staleHours: STALE_DEVICE_HOURS,
        // devices() is ordered least recently heard from first.
        stale: devices.filter((d) => now - d.last_seen_at > STALE_DEVICE_HOURS * 3600_000).slice(0, LIST_LIMIT).map(view),
        behind: active.filter((d) => !hasWithdrawal(d) || !hasRedList(d)).slice(0, LIST_LIMIT).map(view),
      },
      rejections,
      imports: imports.map(importSummary),
    };
  }

  /** Looks a person up by document number; the lookup (found or not) is audited with its reason. */
  async lookup(documentNumber: string, reason: string, actor: Actor): Promise<LookupResult> {
    const at = this.now();
    const person = await this.store.people.personByDocumentNumber(documentNumber);
    // Audited before anything is answered: a lookup that reaches the person is always on record.
    await record(this.store, {
      at,
      actor,
      action: 'person.lookup',
      targetId: person?.id ?? '(none)',
      // The document number itself stays out of the log: the person id identifies whom it was about.
      detail: { reason, found: person !== undefined },
    });
    if (!person) return { person: null, events: [], codes: [] };
    const [events, entry, audit, printed, shown] = await Promise.all([
      this.store.status.events(person.id),
      this.redList.entryFor(person.sub),
      this.store.audit.forTarget(`person:${person.id}`, 'code.issue', LIST_LIMIT),
      this.store.holders.printedCodesOf(person.id),
      this.store.holderRecords.displaysOf(person.id, at - CODE_DISPLAY_DAYS * DAY),
    ]);
    const none = { expiresAt: null, status: null, seq: null, revokedAt: null, offline: null, actor: null };
    const codes: LookupCode[] = [
      ...printed.map((p): LookupCode => ({ ...none, kind: 'printed', at: Number(p.issued_at), expiresAt: Number(p.expires_at), seq: Number(p.seq), revokedAt: p.revoked_at === null ? null : Number(p.revoked_at) })),
      ...audit.map((a): LookupCode => {
        const status = (JSON.parse(a.detail) as { status?: unknown }).status;
        return { ...none, kind: 'cli', at: Number(a.at), actor: a.actor, status: status === 'green' || status === 'red' ? status : null };
      }),
      ...shown.map((d): LookupCode => ({ ...none, kind: 'shown', at: Number(d.shown_at), status: d.status, offline: d.offline === 1 })),
    ]
      .sort((a, b) => b.at - a.at)
      .slice(0, LIST_LIMIT);
    const listed = (await this.store.redList.expiryOf(entry)) !== undefined;
    return {
      person: {
        id: person.id,
        name: person.name,
        documentNumber: person.document_no ?? documentNumber,
        status: person.status,
        reason: person.reason as RedReason,
        statusChangedAt: person.status_changed_at,
        statusUntil: person.status_until === null ? null : Number(person.status_until),
        redListed: listed,
        national: nationalView(person, at),
      },
      events: events.map((e) => ({ at: e.at, from: e.from_status as CodeStatus, status: e.status as CodeStatus, reason: e.reason as RedReason, cause: e.cause, actor: e.actor })),
      codes,
    };
  }
}

// --- feed-source tokens -----------------------------------------------------------------------

const hash = (token: string) => createHash('sha256').update(token).digest('hex');
const TOKEN_PREFIX = 'hgf_';

export interface FeedSource {
  id: string;
  source: string;
  feeds: FeedKind[];
}

export class FeedTokens {
  constructor(
    private readonly store: Store,
    private readonly now: () => number = Date.now,
  ) {}

  /** A new token for a feed system; the token is returned once, only its hash is kept. */
  async create(source: string, feeds: FeedKind[], actor: Actor) {
    const token = `${TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
    const row = { id: uuidv7(this.now()), source, feeds: [...new Set(feeds)].sort().join(','), token_hash: hash(token), created_at: this.now(), revoked_at: null };
    await this.store.transaction(async (tx) => {
      await tx.status.addToken(row);
      await record(tx, { at: row.created_at, actor, action: 'feed-token.create', targetId: row.id, detail: { source, feeds: row.feeds } });
    });
    return { token, info: tokenInfo(row) };
  }

  async list() {
    return (await this.store.status.tokens()).map(tokenInfo);
  }

  async revoke(id: string, actor: Actor): Promise<void> {
    await this.store.transaction(async (tx) => {
      if (await tx.status.revokeToken(id, this.now())) await record(tx, { at: this.now(), actor, action: 'feed-token.revoke', targetId: id });
    });
  }

  /** The source a bearer token belongs to, if it may post `feed`; throws otherwise. */
  async authorize(authorization: string | undefined, feed: FeedKind): Promise<FeedSource> {
    const token = /^Bearer (\S+)$/.exec(authorization ?? '')?.[1];
    if (!token?.startsWith(TOKEN_PREFIX)) throw new UnauthenticatedError();
    const row = await this.store.status.tokenByHash(hash(token));
    if (!row || row.revoked_at !== null) throw new UnauthenticatedError();
    const feeds = row.feeds.split(',') as FeedKind[];
    if (!feeds.includes(feed)) throw new ForbiddenError();
    return { id: row.id, source: row.source, feeds };
  }
}

function tokenInfo(r: { id: string; source: string; feeds: string; created_at: number; revoked_at: number | null }) {
  return { id: r.id, source: r.source, feeds: r.feeds.split(',').filter(Boolean) as FeedKind[], createdAt: r.created_at, revokedAt: r.revoked_at };
}
