// Lint: typescript-eslint's recommended rules plus the import boundaries of DESIGN.md,
// so nobody has to remember them.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const restrict = (patterns, message) => ({ group: patterns, message });

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'data/**', 'test-results/**', 'playwright-report/**', 'e2e/.tmp/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-undef': 'off',
    },
  },
  {
    files: ['shared/**/*.ts'],
    ignores: ['shared/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            restrict(['node:*', 'fs', 'path', 'crypto', 'os'], 'shared/ runs in browsers and Node: no Node modules.'),
            restrict(['**/web/**', '**/server/**', '../web/*', '../server/*'], 'shared/ imports neither side.'),
            restrict(['dexie', 'preact', 'preact/*', 'hono', 'hono/*', 'kysely'], 'shared/ stays runtime-neutral.'),
          ],
        },
      ],
    },
  },
  {
    files: ['server/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            restrict(['**/web/**'], 'server/ never imports web/.'),
            restrict(['dexie', 'preact', 'preact/*', 'html5-qrcode', 'barcode-detector', 'barcode-detector/*', 'zxing-wasm', 'zxing-wasm/*'], 'browser-only library in server/.'),
          ],
        },
      ],
    },
  },
  {
    files: ['server/**/*.ts'],
    ignores: ['server/config.ts', 'server/**/*.test.ts', 'server/store/testing.ts'],
    rules: {
      'no-restricted-properties': ['error', { object: 'process', property: 'env', message: 'Only server/config.ts reads the environment.' }],
    },
  },
  {
    files: ['web/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            restrict(['**/server/**', 'hono', 'hono/*', 'kysely', 'better-sqlite3', 'pg'], 'web/ never imports server/.'),
            restrict(['dexie', 'dexie/*'], 'Only web/db/ imports dexie.'),
            restrict(['html5-qrcode', 'barcode-detector', 'barcode-detector/*', 'zxing-wasm', 'zxing-wasm/*'], 'Only web/scanner/ imports the camera and decoder libraries.'),
          ],
        },
      ],
    },
  },
  {
    files: ['web/db/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [restrict(['**/server/**', 'hono', 'kysely'], 'web/ never imports server/.'), restrict(['html5-qrcode', 'barcode-detector', 'barcode-detector/*', 'zxing-wasm', 'zxing-wasm/*'], 'Only web/scanner/ imports the camera library.')] },
      ],
    },
  },
  {
    files: ['web/scanner/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [restrict(['**/server/**', 'hono', 'kysely'], 'web/ never imports server/.'), restrict(['dexie', 'dexie/*'], 'Only web/db/ imports dexie.')] },
      ],
    },
  },
  {
    files: ['web/**/*.{ts,tsx}'],
    ignores: ['web/env.ts', 'web/**/*.test.{ts,tsx}'],
    rules: {
      'no-restricted-syntax': ['error', { selector: "MemberExpression[object.type='MetaProperty'][property.name='env']", message: 'Only web/env.ts reads import.meta.env.' }],
    },
  },
);
