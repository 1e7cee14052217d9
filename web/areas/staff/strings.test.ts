import { describe, expect, it } from 'vitest';
import { ROLES } from '../../../shared/roles.js';
import { en } from './strings.en.js';
import { zhCN } from './strings.zh-CN.js';

describe('staff strings', () => {
  it('name every role', () => {
    for (const table of [zhCN, en]) for (const role of ROLES) expect(table, role).toHaveProperty([`role.${role}`]);
  });
});
