// The declaration page's state: the phone's copy first (so the page opens offline), then the
// server's answer. A declaration is saved on the phone before it is sent, so one made offline is
// sent when the network returns (or the page opens again) and never lost; joining and leaving an
// organisation need the network. A guardian switches the page to a family member (the code page's
// member switch): it then shows, joins and declares for that member.

import { signal } from '@preact/signals';
import * as v from 'valibot';
import { membersApi, type Member } from '../../../shared/api/members.js';
import { DeclarationBodySchema, declarationsApi, JoinSchema, type DeclarationBody, type Membership, type MyDeclaration, type MyDeclarations } from '../../../shared/api/declarations.js';
import { joinCodeFrom } from '../../../shared/api/orgs.js';
import type { Symptom } from '../../../shared/declarations.js';
import { uuidv7 } from '../../../shared/uuid.js';
import { appDb, getMeta, setMeta } from '../../db/db.js';
import { cachedDeclarations, queueDeclaration, queuedDeclarations, saveDeclarations, unqueueDeclaration } from '../../db/declarations.js';
import { ApiError, call, failureCode, type FailureCode } from '../../http.js';

export const mine = signal<MyDeclarations | null | undefined>(undefined);
export const fetchedAt = signal<number | null>(null);
export const loadError = signal<FailureCode | null>(null);
export const queued = signal<DeclarationBody[]>([]);
/** The account's own person and the people it looks after (the code page's list, kept on the phone). */
export const family = signal<Member[]>([]);
/** Whom the page is for: null for the account's own person, else a family member's id. */
export const forMember = signal<string | null>(null);

/** A request's member field: absent for the account's own person. */
const memberField = (memberId: string | null) => (memberId === null ? {} : { memberId });
const memberQuery = (memberId: string | null) => ({ query: memberId === null ? {} : { member: memberId } });

export interface Failure {
  code: FailureCode;
  retryAfterSec?: number;
}

export async function loadMine(userId: string): Promise<void> {
  const db = appDb();
  const memberId = forMember.value;
  const held = await cachedDeclarations(db, userId, memberId);
  if (held && mine.value === undefined && forMember.value === memberId) {
    mine.value = held.mine;
    fetchedAt.value = held.fetchedAt;
  }
  queued.value = await queuedDeclarations(db, userId);
  await sendQueued(userId);
  try {
    const answer = await call(declarationsApi.mine, { ...memberQuery(memberId), timeoutMs: 10_000 });
    const at = Date.now();
    await saveDeclarations(db, userId, answer, at, memberId);
    // The person switched to another member meanwhile: this answer is not theirs to show.
    if (forMember.value !== memberId) return;
    mine.value = answer;
    fetchedAt.value = at;
    loadError.value = null;
  } catch (e) {
    if (forMember.value !== memberId) return;
    loadError.value = failureCode(e).code;
    mine.value ??= null;
  }
}

/** The family the phone holds, then the server's list (a guardian with no family sees no switch). */
export async function loadFamily(userId: string): Promise<void> {
  const db = appDb();
  const held = await getMeta(db, `members:${userId}`).catch(() => undefined);
  if (held) family.value = held;
  try {
    const { members } = await call(membersApi.members, { timeoutMs: 10_000 });
    family.value = members;
    await setMeta(db, `members:${userId}`, members);
    if (forMember.value !== null && !members.some((m) => m.id === forMember.value)) await showFor(userId, null);
  } catch {
    // Offline: the phone's list stands.
  }
}

/** Switches the page to a family member (null: the account's own person) and loads theirs. */
export async function showFor(userId: string, memberId: string | null): Promise<void> {
  if (forMember.value === memberId) return;
  forMember.value = memberId;
  mine.value = undefined;
  fetchedAt.value = null;
  loadError.value = null;
  await loadMine(userId);
}

/** What the form holds, as typed. */
export interface FormValues {
  orgId: string;
  symptoms: (Symptom | 'none')[];
  temperature: string;
  travel: '' | 'yes' | 'no';
  travelWhere: string;
  keyContact: '' | 'yes' | 'no';
}
export type FieldName = 'symptoms' | 'temperature' | 'travel' | 'travelWhere' | 'keyContact';
export type FieldMessage = 'form.symptoms' | 'form.temperature' | 'form.travelWhere' | 'form.required';
export type FieldErrors = Partial<Record<FieldName, FieldMessage>>;

/** The body the form's values make at `at`, or the errors per field (checked with the server's schema). */
export function checkForm(values: FormValues, at: number): { body?: DeclarationBody; errors: FieldErrors } {
  const errors: FieldErrors = {};
  if (values.symptoms.length === 0) errors.symptoms = 'form.symptoms';
  const temperature = Number(values.temperature.replace(',', '.'));
  if (values.temperature.trim() === '' || !Number.isFinite(temperature) || temperature < 30 || temperature > 45) errors.temperature = 'form.temperature';
  if (!values.travel) errors.travel = 'form.required';
  if (values.travel === 'yes' && (values.travelWhere.trim() === '' || values.travelWhere.trim().length > 100)) errors.travelWhere = 'form.travelWhere';
  if (!values.keyContact) errors.keyContact = 'form.required';
  if (Object.keys(errors).length > 0) return { errors };
  const parsed = v.safeParse(DeclarationBodySchema, {
    id: uuidv7(at),
    orgId: values.orgId || null,
    declaredAt: at,
    symptoms: values.symptoms.filter((s): s is Symptom => s !== 'none'),
    temperature: Math.round(temperature * 10) / 10,
    travel: values.travel === 'yes',
    travelWhere: values.travel === 'yes' ? values.travelWhere : '',
    keyContact: values.keyContact === 'yes',
  });
  return parsed.success ? { body: parsed.output, errors } : { errors: { temperature: 'form.temperature' } };
}

export type DeclareResult = { kind: 'sent'; supersedes: MyDeclaration | undefined } | { kind: 'queued' } | { kind: 'refused'; failure: Failure };

/** Saves the declaration on the phone, then sends it; offline it waits there. */
export async function declare(userId: string, values: DeclarationBody): Promise<DeclareResult> {
  const db = appDb();
  const memberId = forMember.value;
  const body: DeclarationBody = { ...values, ...memberField(memberId) };
  const before = mine.value?.declarations ?? [];
  await queueDeclaration(db, userId, body);
  queued.value = await queuedDeclarations(db, userId);
  const result = await send(userId, body);
  if (result.kind === 'sent') {
    const supersedes = result.supersedes ? before.find((d) => d.id === result.supersedes) : undefined;
    void refresh(userId);
    return { kind: 'sent', supersedes };
  }
  return result;
}

async function send(userId: string, body: DeclarationBody): Promise<{ kind: 'sent'; supersedes: string | null } | { kind: 'queued' } | { kind: 'refused'; failure: Failure }> {
  const db = appDb();
  try {
    const answer = await call(declarationsApi.declare, { body, timeoutMs: 10_000 });
    await unqueueDeclaration(db, userId, body.id);
    queued.value = await queuedDeclarations(db, userId);
    return { kind: 'sent', supersedes: answer.supersedes };
  } catch (e) {
    if (e instanceof ApiError && e.status < 500 && e.status !== 401 && e.status !== 408 && e.status !== 429) {
      // Refused for good (not a member any more, too old): keeping it would only repeat the refusal.
      await unqueueDeclaration(db, userId, body.id);
      queued.value = await queuedDeclarations(db, userId);
      return { kind: 'refused', failure: failureCode(e) };
    }
    return { kind: 'queued' };
  }
}

/** Sends what waits on the phone, oldest first; stops at the first that cannot go yet. */
export async function sendQueued(userId: string): Promise<void> {
  for (const body of await queuedDeclarations(appDb(), userId)) {
    if ((await send(userId, body)).kind === 'queued') return;
  }
}

async function refresh(userId: string): Promise<void> {
  const memberId = forMember.value;
  try {
    const answer = await call(declarationsApi.mine, { ...memberQuery(memberId), timeoutMs: 10_000 });
    const at = Date.now();
    await saveDeclarations(appDb(), userId, answer, at, memberId);
    if (forMember.value !== memberId) return;
    mine.value = answer;
    fetchedAt.value = at;
  } catch {
    // The next load tries again.
  }
}

async function attempt(fn: () => Promise<void>): Promise<Failure | null> {
  try {
    await fn();
    return null;
  } catch (e) {
    return failureCode(e);
  }
}

/** The join code in what was pasted or scanned, or undefined. */
export const joinCodeIn = (text: string): string | undefined => joinCodeFrom(text);

/** Joins; answers with the membership, or why not. */
export async function join(userId: string, code: string, label: string): Promise<{ membership: Membership } | { failure: Failure }> {
  try {
    const { membership } = await call(declarationsApi.join, { body: v.parse(JoinSchema, { joinCode: code, label, ...memberField(forMember.value) }) });
    await refresh(userId);
    return { membership };
  } catch (e) {
    return { failure: failureCode(e) };
  }
}

export function leave(userId: string, orgId: string): Promise<Failure | null> {
  return attempt(async () => {
    await call(declarationsApi.leave, { params: { id: orgId }, ...memberQuery(forMember.value) });
    await refresh(userId);
  });
}
