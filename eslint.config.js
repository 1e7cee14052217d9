// Lint: typescript-eslint's recommended rules, plus the repository's layering and the ban on import
// cycles from the local plugin in lint/ (the table of layers is lint/layers.js, written once).

import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import healthgate from './lint/plugin.js';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'data/**', 'test-results/**', 'playwright-report/**', 'e2e/.tmp/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    plugins: { healthgate },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-undef': 'off',
      'healthgate/layers': 'error',
      'healthgate/no-cycle': 'error',
    },
  },
  {
    files: ['server/**/*.ts'],
    ignores: ['server/config.ts', 'server/**/*.test.ts', 'server/testing/**'],
    rules: {
      'no-restricted-properties': ['error', { object: 'process', property: 'env', message: 'Only server/config.ts reads the environment.' }],
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
