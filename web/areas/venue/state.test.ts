import { describe, expect, it } from 'vitest';
import { checkForm } from './state.js';

const FORM = { areaCode: '440103001', address: '沙面北街 1 号', type: 'retail', name: '新店', contactPhone: '13800000004' };

describe('the venue form check', () => {
  it('passes a complete form, and an edit without a phone', () => {
    expect(checkForm(FORM, false).errors).toEqual({});
    expect(checkForm({ ...FORM, contactPhone: ' ' }, true).errors).toEqual({});
  });

  it('names each field that is wrong, with the message for it', () => {
    const { errors, params } = checkForm({ areaCode: '440103', address: '  ', type: '', name: 'x'.repeat(61), contactPhone: '123' }, false);
    expect(errors).toEqual({ areaCode: 'form.area', address: 'form.required', type: 'form.required', name: 'form.tooLong', contactPhone: 'form.phone' });
    expect(params).toEqual({ name: { n: 60 } });
    expect(checkForm({ ...FORM, contactPhone: '' }, false).errors).toEqual({ contactPhone: 'form.required' });
  });
});
