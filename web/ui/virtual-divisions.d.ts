// The module build/divisions.ts serves: the URL of the content-hashed divisions index.
declare module 'virtual:divisions' {
  export const divisionsIndexUrl: string;
}
