import type { Dayjs } from 'dayjs';
import { ApiError } from '../../api/client.js';
import type { CreateRegistrationBody, OpportunityStage, Registration } from '../../api/types.js';
import { splitList, toCreateBody, type AccountFormValues } from '../accounts/accountForm.js';

export interface LineFormValues {
  productId?: string;
  quantity?: number | null;
  /** A decimal string as typed: money never passes through a float. */
  amount?: string;
}

/** The registration form: the end customer's fields as the account form names them, then the deal's. */
export interface RegistrationFormValues extends AccountFormValues {
  name?: string;
  currency?: string;
  lines?: LineFormValues[];
  expectedClose?: Dayjs | null;
  stage?: OpportunityStage;
  competitors?: string[];
  contactName?: string;
  contactMobile?: string;
  contactEmail?: string;
  contactTitle?: string;
  note?: string;
}

/** The form's fields, as server problems are mapped onto them (see `formFieldOf`). */
export const REGISTRATION_FORM_FIELDS = [
  'legalName',
  'uscc',
  'phones',
  'website',
  'province',
  'city',
  'district',
  'street',
  'regionCode',
  'industryCode',
  'industry',
  'name',
  'currency',
  'lines.*.productId',
  'lines.*.quantity',
  'lines.*.amount',
  'expectedClose',
  'stage',
  'competitors',
  'contactName',
  'contactMobile',
  'contactEmail',
  'contactTitle',
  'note',
] as const;

const CONTACT_FIELDS = {
  name: 'contactName',
  mobile: 'contactMobile',
  email: 'contactEmail',
  title: 'contactTitle',
};

/**
 * Where a server problem's path lands in this form: the customer's fields sit at the top (`customer.uscc` →
 * `uscc`), the customer contact's are flattened (`customerContact.mobile` → `contactMobile`), the deal's
 * keep their names (`lines.0.amount`).
 */
export function formFieldOf(path: string): string {
  if (path.startsWith('customer.')) return path.slice('customer.'.length);
  if (path.startsWith('customerContact.')) {
    const key = path.slice('customerContact.'.length) as keyof typeof CONTACT_FIELDS;
    return CONTACT_FIELDS[key] ?? 'contactName';
  }
  return path;
}

/** The same error with its field problems renamed to this form's fields, for `useFormErrors().show`. */
export function withFormFields(error: unknown): unknown {
  if (!(error instanceof ApiError) || error.fields.length === 0) return error;
  return new ApiError(
    error.status,
    error.code,
    error.message,
    { ...error.details, fields: error.fields.map((f) => ({ ...f, field: formFieldOf(f.field) })) },
    error.retryAfterSeconds,
  );
}

const text = (value: string | null | undefined): string | null => value?.trim() || null;

/** What the server takes; amounts stay the strings typed, empty lines are left out. */
export function toRegistrationBody(values: RegistrationFormValues): CreateRegistrationBody {
  const account = toCreateBody({ ...values, parentId: null, isBranch: false, contacts: [] });
  const { confirm: _confirm, parentId: _parentId, isBranch: _isBranch, ...customer } = account;
  const contactName = text(values.contactName);
  const contact = contactName
    ? {
        name: contactName,
        ...(text(values.contactMobile) && { mobile: text(values.contactMobile) }),
        ...(text(values.contactEmail) && { email: text(values.contactEmail) }),
        ...(text(values.contactTitle) && { title: text(values.contactTitle) }),
      }
    : null;
  return {
    customer,
    name: (values.name ?? '').trim(),
    currency: values.currency ?? 'CNY',
    lines: (values.lines ?? [])
      .filter((l) => l.productId || l.amount?.trim())
      .map((l) => ({
        productId: l.productId ?? '',
        quantity: l.quantity ?? 1,
        amount: (l.amount ?? '').trim(),
      })),
    expectedClose: values.expectedClose ? values.expectedClose.format('YYYY-MM-DD') : '',
    stage: values.stage ?? 'qualify',
    competitors: [...new Set((values.competitors ?? []).map((c) => c.trim()).filter(Boolean))],
    customerContact: contact,
    note: text(values.note),
  };
}

/** A saved registration back in the form (a draft being finished, or one returned for information). */
export function toRegistrationFormValues(
  r: Registration,
  date: (iso: string) => Dayjs,
): RegistrationFormValues {
  const c = r.customer;
  return {
    legalName: c.legalName,
    uscc: c.uscc ?? null,
    phones: (c.phones ?? []).join(', '),
    website: c.website ?? null,
    province: c.province ?? null,
    city: c.city ?? null,
    district: c.district ?? null,
    street: c.street ?? null,
    regionCode: c.regionCode ?? null,
    industryCode: c.industryCode ?? null,
    name: r.name,
    currency: r.currency,
    lines: r.lines.map((l) => ({ productId: l.productId, quantity: l.quantity, amount: l.amount })),
    expectedClose: date(r.expectedClose),
    stage: r.stage,
    competitors: r.competitors,
    contactName: r.customerContact?.name ?? '',
    contactMobile: r.customerContact?.mobile ?? '',
    contactEmail: r.customerContact?.email ?? '',
    contactTitle: r.customerContact?.title ?? '',
    note: r.note ?? '',
  };
}

/** The availability question from what is typed so far; null until there is a name. */
export function toAvailabilityBody(values: { legalName?: string; uscc?: string; phones?: string }) {
  const legalName = (values.legalName ?? '').trim();
  if (!legalName) return null;
  const phones = splitList(values.phones);
  return {
    legalName,
    ...(text(values.uscc) && { uscc: text(values.uscc)! }),
    ...(phones.length > 0 && { phones }),
  };
}

/**
 * The exact sum of decimal strings as typed ("12.5" + "0.25" = "12.75"), in integers scaled to the longest
 * fraction; null while any amount is not a number yet or there is none.
 */
export function sumAmounts(amounts: readonly string[]): string | null {
  const typed = amounts.map((a) => a.trim()).filter(Boolean);
  if (typed.length === 0 || typed.some((a) => !/^\d+(\.\d+)?$/.test(a))) return null;
  const scale = Math.max(...typed.map((a) => a.split('.')[1]?.length ?? 0));
  const total = typed.reduce((sum, a) => {
    const [whole = '0', fraction = ''] = a.split('.');
    return sum + BigInt(whole + fraction.padEnd(scale, '0'));
  }, 0n);
  if (scale === 0) return total.toString();
  const digits = total.toString().padStart(scale + 1, '0');
  return `${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
}
