// The device's one database: opened by Dexie (db.ts) and, before Dexie has loaded, read by boot.ts.
export const DB_NAME = 'healthgate';
