// A gate's verdict on a code, as a device reaches it: the trust list and the red list fetched from
// the server's own routes and opened with the trust roots, then verified offline.

import { listsApi } from '../../shared/api/lists.js';
import { verifyCode } from '../../shared/code/verify.js';
import { openEnvelope, type Envelope } from '../../shared/envelope.js';
import { applyRedList, RedListSchema } from '../../shared/redlist.js';
import { loadTrustStore, TrustListSchema } from '../../shared/trust.js';
import type { TestServer } from './server.js';

export async function gateVerdict(t: TestServer, text: string) {
  const roots = t.services.keys.files.readTrustRoots()!.roots;
  const trust = await openEnvelope((await (await t.app.request(listsApi.trust.path)).json()) as Envelope, roots, TrustListSchema);
  const red = await openEnvelope((await (await t.app.request(listsApi.redList.path)).json()) as Envelope, roots, RedListSchema);
  return verifyCode(text, await loadTrustStore(trust), applyRedList(undefined, red), t.clock.t);
}
