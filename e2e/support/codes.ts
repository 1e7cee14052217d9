// Codes for tests that the CLI does not print: a forged one (signature altered) and an expired
// one, signed with the run's real signing key from the data directory.

import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fromBase64Url, randomBytes } from '../../shared/bytes.js';
import { decodeBase45, encodeBase45 } from '../../shared/code/base45.js';
import { issueCode, type CodeSigner } from '../../shared/code/issue.js';
import { importPrivateJwk } from '../../shared/code/keys.js';
import { CODE_PREFIX } from '../../shared/code/verify.js';
import { maskName } from '../../shared/names.js';
import { DATA_DIR } from './paths.js';

/** The same code with the last signature byte changed: structure intact, signature wrong. */
export function forge(code: string): string {
  const bytes = decodeBase45(code.slice(CODE_PREFIX.length));
  bytes[bytes.length - 1] = bytes[bytes.length - 1]! ^ 0x01;
  return CODE_PREFIX + encodeBase45(bytes);
}

/** The run's signing key, read from the data directory the server uses. */
export async function runSigner(): Promise<CodeSigner> {
  const dir = resolve(DATA_DIR, 'keys', 'signing');
  const file = readdirSync(dir).find((f) => f.endsWith('.private.jwk.json'));
  if (!file) throw new Error(`no signing key in ${dir}`);
  const kid = fromBase64Url(file.replace('.private.jwk.json', ''));
  const privateKey = await importPrivateJwk(JSON.parse(readFileSync(resolve(dir, file), 'utf8')));
  return { privateKey, kid };
}

/** A correctly signed code for a random subject; `ttlSec` may be negative for an expired one. */
export async function signedCode(name: string, { ttlSec = 3600, ageSec = 2 } = {}): Promise<string> {
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
    },
    await runSigner(),
  );
}

/** A correctly signed green code that expired a moment ago. */
export const expiredCode = (): Promise<string> => signedCode('王过期', { ttlSec: 1, ageSec: 2 });
