import { describe, expect, it } from 'vitest';
import { CODE_KINDS } from '../../../shared/code/claims.js';
import { en } from './strings.en.js';
import { zhCN } from './strings.zh-CN.js';

describe('holder strings', () => {
  it('name every kind of code', () => {
    for (const table of [zhCN, en]) for (const kind of CODE_KINDS) expect(table, kind).toHaveProperty([`code.kind.${kind}`]);
  });
});
