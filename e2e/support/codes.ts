// Codes for tests that the CLI does not print: a forged one (signature altered) and an expired
// one, signed with the run's real signing key from the data directory.

import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { listsApi } from '../../shared/api/lists.js';
import { fromBase64Url, fromUtf8, randomBytes } from '../../shared/bytes.js';
import { decodeBase45, encodeBase45 } from '../../shared/code/base45.js';
import { issueCode, type CodeSigner } from '../../shared/code/issue.js';
import { importPrivateJwk } from '../../shared/code/keys.js';
import { CODE_PREFIX } from '../../shared/code/verify.js';
import { maskName } from '../../shared/names.js';
import type { TrustList } from '../../shared/trust.js';
import { DATA_DIR } from './paths.js';

/** The same code with the last signature byte changed: structure intact, signature wrong. */
export function forge(code: string): string {
  const bytes = decodeBase45(code.slice(CODE_PREFIX.length));
  bytes[bytes.length - 1] = bytes[bytes.length - 1]! ^ 0x01;
  return CODE_PREFIX + encodeBase45(bytes);
}

/**
 * The signing key a running server uses now: its trust list names the active kid, and the
 * private key file of that kid is in the shared data directory.
 */
export async function runSigner(serverUrl: string): Promise<CodeSigner> {
  const envelope = (await (await fetch(`${serverUrl}${listsApi.trust.path}`)).json()) as { body: string };
  const list = JSON.parse(fromUtf8(fromBase64Url(envelope.body))) as TrustList;
  const active = list.keys.find((k) => k.state === 'active');
  if (!active) throw new Error('the server has no active signing key');
  const file = resolve(DATA_DIR, 'keys', 'signing', `${active.kid}.private.jwk.json`);
  const privateKey = await importPrivateJwk(JSON.parse(readFileSync(file, 'utf8')));
  return { privateKey, kid: fromBase64Url(active.kid) };
}

/**
 * A correctly signed code for a random subject; `ttlSec` may be negative for an expired one.
 * `cnf`: a device key (compressed point) to bind it to, for a code a phone shows live.
 */
export async function signedCode(serverUrl: string, name: string, { ttlSec = 3600, ageSec = 2, cnf }: { ttlSec?: number; ageSec?: number; cnf?: Uint8Array } = {}): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  return issueCode(
    {
      iss: 'CN-44',
      iat: now - ageSec,
      exp: now - ageSec + Math.max(1, ttlSec),
      cti: randomBytes(8),
      sub: randomBytes(8),
      status: 'green',
      reason: 'none',
      maskedName: maskName(name),
      kind: 'resident',
      ...(cnf ? { cnf } : {}),
    },
    await runSigner(serverUrl),
  );
}

/** A correctly signed green code that expired a moment ago. */
export const expiredCode = (serverUrl: string): Promise<string> => signedCode(serverUrl, '王过期', { ttlSec: 1, ageSec: 2 });

/** A correctly signed printed code (no device key, its own kind), as the authority prints for someone without a phone. */
export async function printedCode(serverUrl: string, name: string): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  return issueCode(
    { iss: 'CN-44', iat: now - 2, exp: now + 3600, cti: randomBytes(8), sub: randomBytes(8), status: 'green', reason: 'none', maskedName: maskName(name), kind: 'printed' },
    await runSigner(serverUrl),
  );
}
