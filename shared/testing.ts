// Test fixtures shared by the shared/ and server/ tests: a real signing key, a trust list holding
// it, and a helper that issues codes with any claims. Never imported by application code.

import { randomBytes, toBase64Url } from './bytes.js';
import type { HealthClaims } from './code/claims.js';
import { issueCode, type CodeSigner } from './code/issue.js';
import { generateSigningKey, kidOf, publicJwkOf } from './code/keys.js';
import { maskName } from './names.js';
import { loadTrustStore, type TrustKey, type TrustList, type TrustStore } from './trust.js';

export const T0 = Date.UTC(2026, 10, 21, 8, 0, 0);
const DAY = 86_400_000;

export interface TestIssuer {
  signer: CodeSigner;
  trustKey: TrustKey;
  trustList: TrustList;
  trust: TrustStore;
  issue(overrides?: Partial<HealthClaims>, now?: number): Promise<string>;
}

export function testClaims(now = T0, overrides: Partial<HealthClaims> = {}): HealthClaims {
  return {
    iss: 'CN-44',
    iat: Math.floor(now / 1000),
    exp: Math.floor(now / 1000) + 72 * 3600,
    cti: randomBytes(8),
    sub: randomBytes(8),
    status: 'green',
    reason: 'none',
    maskedName: maskName('张小明'),
    kind: 'resident',
    ...overrides,
  };
}

export async function makeTestIssuer(state: TrustKey['state'] = 'active', now = T0): Promise<TestIssuer> {
  const pair = await generateSigningKey();
  const kid = await kidOf(pair.publicKey);
  const jwk = await publicJwkOf(pair.publicKey);
  const trustKey: TrustKey = {
    kid: toBase64Url(kid),
    jwk: { kty: 'EC', crv: 'P-256', x: jwk.x!, y: jwk.y! },
    validFrom: now - 30 * DAY,
    validTo: now + 365 * DAY,
    state,
  };
  const trustList: TrustList = { v: 1, iss: 'CN-44', version: 1, issuedAt: now, keys: [trustKey] };
  const signer = { privateKey: pair.privateKey, kid };
  return {
    signer,
    trustKey,
    trustList,
    trust: await loadTrustStore(trustList),
    issue: (overrides = {}, at = now) => issueCode(testClaims(at, overrides), signer),
  };
}
