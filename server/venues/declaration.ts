// The venue's fixed declaration code (场所申报码) and the pseudonymous tags inspectors are shown by:
// random codes without look-alike characters, and tags a manager can read out to their staff.

import { createHash, randomBytes } from 'node:crypto';

const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** `HGV1:` + 16 random characters (80 bits): QR alphanumeric mode, easy to read aloud. */
export function newDeclarationCode(): string {
  return `HGV1:${Array.from(randomBytes(16), (b) => ALPHABET[b % 32]).join('')}`;
}

/**
 * An inspector's tag at one venue: 6 characters of SHA-256 over venue and account ids. The same at
 * every request (manager and inspector see the same tag), different at another venue, and it names
 * nobody: account ids are not personal data and the tag cannot be turned back into one.
 */
export function inspectorTag(venueId: string, userId: string): string {
  const digest = createHash('sha256').update(`hg-inspector-tag\0${venueId}\0${userId}`).digest();
  return Array.from(digest.subarray(0, 6), (b) => ALPHABET[b % 32]).join('');
}

/** 138****0004 — the first three and last four digits of a mainland number (last four of any other). */
export function maskPhone(e164: string): string {
  const national = e164.startsWith('+86') ? e164.slice(3) : e164;
  return national.length >= 11 ? `${national.slice(0, 3)}****${national.slice(-4)}` : `****${national.slice(-4)}`;
}
