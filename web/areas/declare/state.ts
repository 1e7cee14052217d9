// The declaration page's state: the phone's copy first (so the page opens offline), then the
// server's answer. A declaration is saved on the phone before it is sent, so one made offline is
// sent when the network returns (or the page opens again) and never lost; joining and leaving an
// organisation need the network.

import { signal } from '@preact/signals';
import * as v from 'valibot';
import { DeclarationBodySchema, declarationsApi, JoinSchema, type DeclarationBody, type Membership, type MyDeclaration, type MyDeclarations } from '../../../shared/api/declarations.js';
import { joinCodeFrom } from '../../../shared/api/orgs.js';
import type { Symptom } from '../../../shared/declarations.js';
import { uuidv7 } from '../../../shared/uuid.js';
import { appDb } from '../../db/db.js';
import { cachedDeclarations, queueDeclaration, queuedDeclarations, saveDeclarations, unqueueDeclaration } from '../../db/declarations.js';
import { ApiError, call, failureCode, type FailureCode } from '../../http.js';

export const mine = signal<MyDeclarations | null | undefined>(undefined);
export const fetchedAt = signal<number | null>(null);
export const loadError = signal<FailureCode | null>(null);
export const queued = signal<DeclarationBody[]>([]);

export interface Failure {
  code: FailureCode;
  retryAfterSec?: number;
}

export async function loadMine(userId: string): Promise<void> {
  const db = appDb();
  const held = await cachedDeclarations(db, userId);
  if (held && mine.value === undefined) {
    mine.value = held.mine;
    fetchedAt.value = held.fetchedAt;
  }
  queued.value = await queuedDeclarations(db, userId);
  await sendQueued(userId);
  try {
    const answer = await call(declarationsApi.mine, { timeoutMs: 10_000 });
    const at = Date.now();
    await saveDeclarations(db, userId, answer, at);
    mine.value = answer;
    fetchedAt.value = at;
    loadError.value = null;
  } catch (e) {
    loadError.value = failureCode(e).code;
    mine.value ??= null;
  }
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
export async function declare(userId: string, body: DeclarationBody): Promise<DeclareResult> {
  const db = appDb();
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
  try {
    const answer = await call(declarationsApi.mine, { timeoutMs: 10_000 });
    const at = Date.now();
    await saveDeclarations(appDb(), userId, answer, at);
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
    const { membership } = await call(declarationsApi.join, { body: v.parse(JoinSchema, { joinCode: code, label }) });
    await refresh(userId);
    return { membership };
  } catch (e) {
    return { failure: failureCode(e) };
  }
}

export function leave(userId: string, orgId: string): Promise<Failure | null> {
  return attempt(async () => {
    await call(declarationsApi.leave, { params: { id: orgId } });
    await refresh(userId);
  });
}
