// Registration pieces venues and organisations share: their fixed codes (a venue's declaration code
// 场所申报码, an organisation's join code), the pseudonymous tags their people are shown by, and the
// masked contact phone. Random codes without look-alike characters; tags a person can read out.

import { createHash, randomBytes } from 'node:crypto';

const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** `<prefix>:` + 16 random characters (80 bits): QR alphanumeric mode, easy to read aloud. */
export function newFixedCode(prefix: 'HGV1' | 'HGO1'): string {
  return `${prefix}:${Array.from(randomBytes(16), (b) => ALPHABET[b % 32]).join('')}`;
}

/** A venue's fixed declaration code, `HGV1:…`, that inspectors bind with. */
export const newDeclarationCode = (): string => newFixedCode('HGV1');

/** An organisation's join code, `HGO1:…`, that its members join with. */
export const newJoinCode = (): string => newFixedCode('HGO1');

/**
 * 6 characters of SHA-256 over a purpose, a scope (venue, organisation) and an id: the same at every
 * request, different in another scope, and it names nobody — ids are not personal data and the tag
 * cannot be turned back into one.
 */
function scopedTag(purpose: string, scopeId: string, id: string): string {
  const digest = createHash('sha256').update(`${purpose}\0${scopeId}\0${id}`).digest();
  return Array.from(digest.subarray(0, 6), (b) => ALPHABET[b % 32]).join('');
}

/** An inspector's tag at one venue (manager and inspector see the same tag). */
export const inspectorTag = (venueId: string, userId: string): string => scopedTag('hg-inspector-tag', venueId, userId);

/** A member's tag in one organisation (the admin sees it beside the label the member gave). */
export const memberTag = (orgId: string, personId: string): string => scopedTag('hg-member-tag', orgId, personId);

/** 138****0004 — the first three and last four digits of a mainland number (last four of any other). */
export function maskPhone(e164: string): string {
  const national = e164.startsWith('+86') ? e164.slice(3) : e164;
  return national.length >= 11 ? `${national.slice(0, 3)}****${national.slice(-4)}` : `****${national.slice(-4)}`;
}
