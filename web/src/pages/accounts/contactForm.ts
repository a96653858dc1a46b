import type { Contact, ContactBody, UpdateContactBody } from '../../api/types.js';
import type { ContactFormValues } from './accountForm.js';

export const CONTACT_FORM_FIELDS = ['name', 'mobile', 'email', 'title'] as const;

const text = (value: string | null | undefined): string | null => {
  const trimmed = value?.trim();
  return trimmed ? trimmed : null;
};

export function toContactFormValues(contact: Contact): ContactFormValues {
  return {
    name: contact.name,
    mobile: contact.mobile ?? '',
    email: contact.email ?? '',
    title: contact.title ?? '',
  };
}

/** A new contact, leaving out what is empty (the server rejects empty strings). */
export function toContactBody(values: ContactFormValues): ContactBody {
  const body: ContactBody = { name: (values.name ?? '').trim() };
  for (const key of ['mobile', 'email', 'title'] as const) {
    const value = text(values[key]);
    if (value) body[key] = value;
  }
  return body;
}

/**
 * A patch with only what changed (a cleared field becomes null); null when nothing changed. An untouched
 * mobile is the stored E.164 text, so it is not sent again.
 */
export function toContactPatch(contact: Contact, values: ContactFormValues): UpdateContactBody | null {
  const body: UpdateContactBody = {};
  const name = text(values.name);
  if (name && name !== contact.name) body.name = name;
  for (const key of ['mobile', 'email', 'title'] as const) {
    const value = text(values[key]);
    if (value !== contact[key]) body[key] = value;
  }
  return Object.keys(body).length ? body : null;
}
