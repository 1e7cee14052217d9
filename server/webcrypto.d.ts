// @types/node 20 declares the global `crypto` but not the WebCrypto key types by their global
// names, which shared/ uses (it runs on crypto.subtle in both runtimes). Alias them here.
type CryptoKey = import('node:crypto').webcrypto.CryptoKey;
type CryptoKeyPair = import('node:crypto').webcrypto.CryptoKeyPair;
type JsonWebKey = import('node:crypto').webcrypto.JsonWebKey;
