// Build-time facts: the only module that reads import.meta.env, and the home of the trust roots
// embedded by vite.config.ts (the public keys that sign the trust list and the red list).

declare const __HG_TRUST_ROOTS__: { roots: JsonWebKey[] };

export const TRUST_ROOTS: readonly JsonWebKey[] = __HG_TRUST_ROOTS__.roots;

/** Only a production build registers the service worker: in dev it would cache stale modules. */
export const IS_PROD: boolean = import.meta.env.PROD;
export const BASE_URL: string = import.meta.env.BASE_URL;
