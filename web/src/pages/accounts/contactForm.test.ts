import { describe, expect, it } from 'vitest';
import type { Contact } from '../../api/types.js';
import { toContactBody, toContactFormValues, toContactPatch } from './contactForm.js';

const contact: Contact = {
  id: '6f1c1f7e-0000-4000-8000-000000000002',
  accountId: '6f1c1f7e-0000-4000-8000-000000000001',
  name: '陈静',
  mobile: '+8613700001111',
  email: null,
  title: '采购经理',
};

describe('toContactBody', () => {
  it('trims the values and leaves out empty ones', () => {
    expect(toContactBody({ name: ' 陈静 ', mobile: '137 0000 1111 ', email: '  ', title: '' })).toEqual({
      name: '陈静',
      mobile: '137 0000 1111',
    });
  });
});

describe('toContactPatch', () => {
  it('sends nothing when the form is as loaded', () => {
    expect(toContactPatch(contact, toContactFormValues(contact))).toBeNull();
  });

  it('sends only the changed title, not the untouched mobile', () => {
    expect(toContactPatch(contact, { ...toContactFormValues(contact), title: '总经理' })).toEqual({
      title: '总经理',
    });
  });

  it('clears an emptied field with null and never clears the name', () => {
    expect(toContactPatch(contact, { name: ' ', mobile: '', email: 'chen@example.com', title: '' })).toEqual({
      mobile: null,
      email: 'chen@example.com',
      title: null,
    });
  });
});
