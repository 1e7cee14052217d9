// The real-name check in one place: a typed identity (name + document) is checked field by field,
// so a page can mark every wrong field at once, then matched against identity-registry entries.

import {
  DOCUMENT_PROBLEMS,
  checkDocument,
  normaliseDocumentNumber,
  type CheckedDocument,
  type DocumentCheckOptions,
  type DocumentField,
  type DocumentProblemCode,
  type DocumentType,
} from './documents.js';
import { NAME_PROBLEMS, checkEnteredName, namesMatch, type NameProblemCode } from './names.js';

export const REGISTRY_PROBLEMS = ['identity-not-found', 'identity-name-mismatch', 'identity-already-registered', 'identity-is-you', 'identity-resident-document'] as const;
export type RegistryProblemCode = (typeof REGISTRY_PROBLEMS)[number];

/** Problems with the fields beside an identity on the traveller's form (its phone and country). */
export const SIGN_UP_PROBLEMS = ['phone-invalid', 'phone-taken', 'country-missing'] as const;
export type SignUpProblemCode = (typeof SIGN_UP_PROBLEMS)[number];

/** Every problem a person can be told about on an identity form: the keys of its messages. */
export const IDENTITY_PROBLEMS = [...NAME_PROBLEMS, ...DOCUMENT_PROBLEMS, ...REGISTRY_PROBLEMS] as const;
export type IdentityProblemCode = NameProblemCode | DocumentProblemCode | RegistryProblemCode;
export type IdentityField = 'name' | 'documentType' | DocumentField;
export interface IdentityProblem {
  field: IdentityField;
  problem: IdentityProblemCode;
}

export interface IdentityInput {
  name: string;
  documentType: DocumentType;
  documentNumber: string;
  issueCount?: string;
}
export interface CheckedIdentity {
  /** The registry form of the name (normaliseRegistryName). */
  name: string;
  document: CheckedDocument;
}
export type IdentityCheck = { ok: true; identity: CheckedIdentity } | { ok: false; problems: IdentityProblem[] };

/** Checks the name and the document; on failure, one problem per wrong field, name first. */
export function checkIdentity(input: IdentityInput, options: DocumentCheckOptions = {}): IdentityCheck {
  const name = checkEnteredName(input.name);
  const document = checkDocument(input.documentType, input.documentNumber, input.issueCount, options);
  const problems: IdentityProblem[] = [];
  if (!name.ok) problems.push({ field: name.field, problem: name.problem });
  if (!document.ok) problems.push({ field: document.field, problem: document.problem });
  if (!name.ok || !document.ok) return { ok: false, problems };
  const { ok: _ok, ...checked } = document;
  return { ok: true, identity: { name: name.name, document: checked } };
}

/** One person as the entry manifest lists them; documentNumber in checkDocument's canonical form. */
export interface RegistryEntry {
  name: string;
  documentType: DocumentType;
  documentNumber: string;
}
export type RegistryMatch<E extends RegistryEntry> = { ok: true; entry: E } | ({ ok: false } & IdentityProblem);

/**
 * Finds the entry for a checked identity among candidates (the server looks them up by document
 * number). The number must be the one the person entered with, so someone whose passport changed
 * after entry uses the old one. A permit's issue count is not compared: renewing the card changes
 * the count, never the lifelong number.
 */
export function matchRegistry<E extends RegistryEntry>(identity: CheckedIdentity, candidates: readonly E[]): RegistryMatch<E> {
  const { type, number } = identity.document;
  const sameDocument = candidates.filter(
    (e) => e.documentType === type && normaliseDocumentNumber(e.documentNumber) === number,
  );
  if (sameDocument.length === 0) return { ok: false, field: 'documentNumber', problem: 'identity-not-found' };
  const entry = sameDocument.find((e) => namesMatch(identity.name, e.name));
  if (!entry) return { ok: false, field: 'name', problem: 'identity-name-mismatch' };
  return { ok: true, entry };
}
