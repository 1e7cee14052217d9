// workbox-window's ES2017 build is about 1 KB (gzip) smaller than its default ES5 entry and has
// the same API, so it takes the package's own types. Every page loads it: the holder's budget counts.
declare module 'workbox-window/build/workbox-window.prod.mjs' {
  export * from 'workbox-window';
}
