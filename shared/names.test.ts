import { describe, expect, it } from 'vitest';
import { maskName, normaliseName } from './names.js';

describe('names', () => {
  it.each([
    ['张三', '*三'],
    ['张小明', '张*明'],
    ['欧阳娜娜', '欧*娜'],
    ['买买提·艾力', '买*力'],
    ['王', '*'],
    ['maria  garcia lopez', 'M* G* L*'],
    ['A B C D E F G H', 'A* B* C* D* E* F*'],
    ['', ''],
  ])('masks %j as %j', (name, masked) => {
    expect(maskName(name)).toBe(masked);
  });

  it('normalises to NFC with collapsed spaces', () => {
    expect(normaliseName('  Jose\u0301   Li ')).toBe('José Li');
  });
});
