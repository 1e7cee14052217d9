// Signing and verifying health codes in Node: the cost the server pays per code.

import { verifyCode } from '../../shared/code/verify.js';
import type { RedList } from '../../shared/redlist.js';
import { makeTestIssuer, T0 } from '../../shared/testing.js';
import { fmt, type BenchRow } from './table.js';

export async function benchCrypto(n = 2000): Promise<BenchRow[]> {
  const iss = await makeTestIssuer();
  const redList: RedList = { version: 1, issuedAt: T0, salt: 's', entries: new Set() };
  for (let i = 0; i < 100; i++) await verifyCode(await iss.issue(), iss.trust, redList, T0); // warm up

  let t = performance.now();
  const codes: string[] = [];
  for (let i = 0; i < n; i++) codes.push(await iss.issue());
  const signMs = performance.now() - t;

  t = performance.now();
  let green = 0;
  for (const c of codes) if ((await verifyCode(c, iss.trust, redList, T0 + 1000)).kind === 'green') green++;
  const verifyMs = performance.now() - t;
  if (green !== n) throw new Error(`only ${green}/${n} codes verified green`);
  return [
    { what: 'sign codes (Node, WebCrypto ES256)', result: `${fmt((n / signMs) * 1000)} /s`, note: `${n} codes` },
    { what: 'verify codes (Node, full verifyCode)', result: `${fmt((n / verifyMs) * 1000)} /s`, note: `${n} codes, all green` },
  ];
}
