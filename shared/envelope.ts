// A signed JSON document: the body's exact bytes (base64url) and an ES256 signature over them by
// a trust-root key. The trust list and the red list travel in it. The signature is checked before
// the body is parsed, so nothing unsigned is ever read.

import * as v from 'valibot';
import { fromBase64Url, fromUtf8, toBase64Url, utf8 } from './bytes.js';
import { importPublicJwk, kidOf, signEs256, verifyEs256 } from './code/keys.js';

export const EnvelopeSchema = v.strictObject({
  body: v.pipe(v.string(), v.maxLength(2_000_000)),
  sig: v.pipe(v.string(), v.maxLength(128)),
  kid: v.pipe(v.string(), v.maxLength(32)),
});
export type Envelope = v.InferOutput<typeof EnvelopeSchema>;

export class EnvelopeError extends Error {
  override name = 'EnvelopeError';
}

export async function sealEnvelope(body: unknown, rootKey: CryptoKey, rootKid: Uint8Array): Promise<Envelope> {
  const bytes = utf8(JSON.stringify(body));
  return { body: toBase64Url(bytes), sig: toBase64Url(await signEs256(rootKey, bytes)), kid: toBase64Url(rootKid) };
}

/** Verifies against any of the trust roots, then parses the body with the given schema. */
export async function openEnvelope<S extends v.GenericSchema>(
  input: unknown,
  rootJwks: readonly JsonWebKey[],
  schema: S,
): Promise<v.InferOutput<S>> {
  const parsed = v.safeParse(EnvelopeSchema, input);
  if (!parsed.success) throw new EnvelopeError('not a signed envelope');
  const env = parsed.output;
  let bytes: Uint8Array;
  let sig: Uint8Array;
  try {
    bytes = fromBase64Url(env.body);
    sig = fromBase64Url(env.sig);
  } catch {
    throw new EnvelopeError('envelope is not base64url');
  }
  let ok = false;
  for (const jwk of rootJwks) {
    const key = await importPublicJwk(jwk);
    if (toBase64Url(await kidOf(key)) !== env.kid) continue;
    if (await verifyEs256(key, sig, bytes)) {
      ok = true;
      break;
    }
  }
  if (!ok) throw new EnvelopeError('envelope signature does not verify with any trust root');
  let json: unknown;
  try {
    json = JSON.parse(fromUtf8(bytes));
  } catch {
    throw new EnvelopeError('envelope body is not JSON');
  }
  const body = v.safeParse(schema, json);
  if (!body.success) throw new EnvelopeError(`envelope body is invalid: ${body.issues[0]?.message ?? ''}`);
  return body.output;
}
