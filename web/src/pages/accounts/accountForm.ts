import type {
  Account,
  AccountSize,
  CheckAccountBody,
  CreateAccountBody,
  UpdateAccountBody,
} from '../../api/types.js';
import { isEmail } from '../../components/fieldRules.js';

// A half-typed address is left out of the live check instead of failing it (the server's rule: zod's).
export { isEmail };

export interface ContactFormValues {
  name?: string;
  mobile?: string;
  email?: string;
  title?: string;
}

/**
 * What the account form holds. Phones and e-mails are typed as one text (comma-separated) so that the
 * duplicate check sees them while they are being typed; aliases and tags are tag pickers.
 */
export interface AccountFormValues {
  legalName?: string;
  aliases?: string[];
  englishName?: string | null;
  uscc?: string | null;
  phones?: string;
  emails?: string;
  website?: string | null;
  province?: string | null;
  city?: string | null;
  district?: string | null;
  street?: string | null;
  industry?: string | null;
  /** Chosen in the cascader; province, city and district follow it (the duplicate check reads names). */
  regionCode?: string | null;
  /** Chosen from the list; `industry` is the text older records were entered with. */
  industryCode?: string | null;
  size?: AccountSize | null;
  source?: string | null;
  tags?: string[];
  parentId?: string | null;
  isBranch?: boolean;
  contacts?: ContactFormValues[];
  reason?: string;
}

export const ACCOUNT_FORM_FIELDS = [
  'legalName',
  'aliases',
  'englishName',
  'uscc',
  'phones',
  'emails',
  'website',
  'province',
  'city',
  'district',
  'street',
  'industry',
  'regionCode',
  'industryCode',
  'size',
  'source',
  'tags',
  'parentId',
  'isBranch',
  'reason',
  'contacts.*.name',
  'contacts.*.mobile',
  'contacts.*.email',
  'contacts.*.title',
] as const;

const text = (value: string | null | undefined): string | null => {
  const trimmed = value?.trim();
  return trimmed ? trimmed : null;
};

/**
 * "010-6212 3456, 138 0013 8000；400-100-2000" → three entries. Commas, semicolons (either width), 、 and
 * new lines separate; spaces do not, since phone numbers contain them.
 */
export function splitList(value: string | null | undefined): string[] {
  const items = (value ?? '')
    .split(/[,，;；、\n]+/)
    .map((item) => item.trim())
    .filter(Boolean);
  return [...new Set(items)];
}

const cleanTags = (values: string[] | undefined) => [
  ...new Set((values ?? []).map((v) => v.trim()).filter(Boolean)),
];

/** The fields shared by create and check, leaving out what is empty (the server rejects empty strings). */
function matchFields(values: AccountFormValues) {
  const body: Omit<CheckAccountBody, 'contacts'> = { legalName: (values.legalName ?? '').trim() };
  const aliases = cleanTags(values.aliases);
  const phones = splitList(values.phones);
  const emails = splitList(values.emails);
  if (aliases.length) body.aliases = aliases;
  if (phones.length) body.phones = phones;
  if (emails.length) body.emails = emails;
  for (const key of ['englishName', 'uscc', 'website', 'province', 'city', 'district', 'street'] as const) {
    const value = text(values[key]);
    if (value) body[key] = value;
  }
  return body;
}

const contactsOf = (values: AccountFormValues) =>
  (values.contacts ?? []).flatMap((c) => {
    const name = text(c.name);
    if (!name) return [];
    const contact: { name: string; mobile?: string; email?: string; title?: string } = { name };
    const mobile = text(c.mobile);
    const email = text(c.email);
    const title = text(c.title);
    if (mobile) contact.mobile = mobile;
    if (email) contact.email = email;
    if (title) contact.title = title;
    return [contact];
  });

/**
 * What the live duplicate check sends while the form is being filled in, or null while there is no name
 * to check. Half-typed e-mails are left out so that a keystroke never turns the check into an error.
 */
export function toCheckBody(values: AccountFormValues): CheckAccountBody | null {
  const body: CheckAccountBody = matchFields(values);
  if (!body.legalName) return null;
  if (body.emails) {
    const emails = body.emails.filter(isEmail);
    if (emails.length) body.emails = emails;
    else delete body.emails;
  }
  const contacts = contactsOf(values).map(({ email, ...rest }) =>
    email && isEmail(email) ? { ...rest, email } : rest,
  );
  if (contacts.length) body.contacts = contacts;
  return body;
}

export function toCreateBody(values: AccountFormValues, confirmReason?: string): CreateAccountBody {
  const body: CreateAccountBody = matchFields(values);
  if (values.regionCode) body.regionCode = values.regionCode;
  if (values.industryCode) body.industryCode = values.industryCode;
  const industry = text(values.industry);
  const source = text(values.source);
  const tags = cleanTags(values.tags);
  const contacts = contactsOf(values);
  if (industry) body.industry = industry;
  if (source) body.source = source;
  if (values.size) body.size = values.size;
  if (tags.length) body.tags = tags;
  if (values.parentId) {
    body.parentId = values.parentId;
    if (values.isBranch) body.isBranch = true;
  }
  if (contacts.length) body.contacts = contacts;
  const reason = text(confirmReason);
  if (reason) body.confirm = { reason };
  return body;
}

export function toFormValues(account: Account): AccountFormValues {
  return {
    legalName: account.legalName,
    aliases: account.aliases,
    englishName: account.englishName,
    uscc: account.uscc,
    phones: account.phones.join(', '),
    emails: account.emails.join(', '),
    website: account.website,
    province: account.province,
    city: account.city,
    district: account.district,
    street: account.street,
    industry: account.industry,
    regionCode: account.regionCode ?? null,
    industryCode: account.industryCode ?? null,
    size: account.size,
    source: account.source,
    tags: account.tags,
    parentId: account.parentId,
    isBranch: account.isBranch,
  };
}

const sameList = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((v, i) => v === b[i]);

/**
 * A patch with only what changed (cleared fields become null); null when nothing changed. `confirmReason`
 * saves new values that look like other customers anyway (the server asked with POSSIBLE_DUPLICATE).
 */
export function toUpdateBody(
  account: Account,
  values: AccountFormValues,
  confirmReason?: string,
): UpdateAccountBody | null {
  const body: UpdateAccountBody = {};
  const legalName = (values.legalName ?? '').trim();
  if (legalName && legalName !== account.legalName) body.legalName = legalName;
  const lists = {
    aliases: cleanTags(values.aliases),
    phones: splitList(values.phones),
    emails: splitList(values.emails),
    tags: cleanTags(values.tags),
  };
  for (const key of ['aliases', 'phones', 'emails', 'tags'] as const) {
    if (!sameList(lists[key], account[key])) body[key] = lists[key];
  }
  const scalars = [
    'englishName',
    'uscc',
    'website',
    'province',
    'city',
    'district',
    'street',
    'industry',
    'source',
  ] as const;
  for (const key of scalars) {
    const value = text(values[key]);
    if (value !== account[key]) body[key] = value;
  }
  for (const key of ['regionCode', 'industryCode'] as const) {
    if ((values[key] ?? null) !== (account[key] ?? null)) body[key] = values[key] ?? null;
  }
  if ((values.size ?? null) !== account.size) body.size = values.size ?? null;
  if ((values.parentId ?? null) !== account.parentId) body.parentId = values.parentId ?? null;
  const isBranch = !!values.parentId && !!values.isBranch;
  if (isBranch !== account.isBranch) body.isBranch = isBranch;
  if (Object.keys(body).length === 0) return null;
  const reason = text(values.reason);
  if (reason) body.reason = reason;
  const confirmed = text(confirmReason);
  if (confirmed) body.confirm = { reason: confirmed };
  return body;
}
