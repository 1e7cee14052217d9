// Dexie's ES2018 build is about 2 KB (gzip) smaller than the default entry, which wraps the
// transpiled UMD build; it has the same API, so it takes the package's own types.
declare module 'dexie/dist/modern/dexie.mjs' {
  export * from 'dexie';
}
