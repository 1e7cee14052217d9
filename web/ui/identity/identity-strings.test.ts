import { describe, expect, it } from 'vitest';
import { DOCUMENT_TYPES } from '../../../shared/documents.js';
import { IDENTITY_PROBLEMS, SIGN_UP_PROBLEMS, type IdentityField } from '../../../shared/identity.js';
import { identityStrings as en } from './identity-strings.en.js';
import { identityStrings as zhCN } from './identity-strings.zh-CN.js';

const FIELDS: (IdentityField | 'documentType' | 'country' | 'phone')[] = ['name', 'documentType', 'documentNumber', 'issueCount', 'country', 'phone'];

describe('identity strings', () => {
  it('have the same keys in both languages, none empty', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(zhCN).sort());
    for (const [key, text] of [...Object.entries(zhCN), ...Object.entries(en)]) expect(text.trim(), key).not.toBe('');
  });

  it('have a message for every problem code, a name for every document type and a label for every field, and nothing else', () => {
    const expected = [
      ...IDENTITY_PROBLEMS.map((code) => `identity.${code}`),
      ...SIGN_UP_PROBLEMS.map((code) => `identity.${code}`),
      ...DOCUMENT_TYPES.map((type) => `identity.type.${type}`),
      ...FIELDS.map((field) => `identity.field.${field}`),
      'identity.hint.name',
      'identity.hint.issueCount',
      'identity.hint.phone',
    ];
    expect(Object.keys(zhCN).sort()).toEqual(expected.sort());
  });

  it('say what to do, not only what is wrong', () => {
    // Every problem message names a field or rule, then what to try, after a colon (or is a plain request).
    for (const code of [...IDENTITY_PROBLEMS, ...SIGN_UP_PROBLEMS]) {
      const key = `identity.${code}` as keyof typeof zhCN;
      expect(zhCN[key], key).toMatch(/^请|：/u);
      expect(en[key], key).toMatch(/^Enter |: /u);
    }
  });
});
