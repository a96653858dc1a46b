import { z } from 'zod';
import { pageQuery } from '../../http/pagination.js';
import { EVIDENCE_CODES } from '../matching/index.js';
import { INDUSTRY_SOURCES, REGION_SOURCES } from './places.js';

export const ACCOUNT_SIZES = ['micro', 'small', 'medium', 'large', 'enterprise'] as const;
export const ACCOUNT_STATUSES = ['active', 'archived', 'merged'] as const;

const text = (max: number) => z.string().trim().min(1).max(max);
const list = (max: number, item: z.ZodType<string> = text(200)) => z.array(item).max(max);

export const contactInput = z.strictObject({
  name: text(100),
  mobile: text(40).nullable().optional(),
  email: z.email().max(200).nullable().optional(),
  title: text(100).nullable().optional(),
});
export type ContactInput = z.infer<typeof contactInput>;

const accountFields = {
  legalName: text(200).describe('registered name, e.g. 字节跳动（北京）科技有限公司'),
  aliases: list(20).optional().describe('short names and brands'),
  englishName: text(200).nullable().optional(),
  uscc: text(40)
    .nullable()
    .optional()
    .describe('统一社会信用代码; an invalid check character is reported and never used as evidence'),
  phones: list(10, text(40)).optional(),
  emails: list(10, z.email().max(200)).optional(),
  website: text(200).nullable().optional(),
  province: text(50).nullable().optional(),
  city: text(50).nullable().optional(),
  district: text(50).nullable().optional(),
  street: text(200).nullable().optional(),
  industry: text(50).nullable().optional(),
  regionCode: z
    .string()
    .regex(/^[0-9]{6}$/)
    .nullable()
    .optional()
    .describe(
      'GB/T 2260 division (province, city or district; GET /api/v1/regions); sets province, city and district. ' +
        'Without it the region is read from the address, the USCC or the name',
    ),
  industryCode: z
    .string()
    .regex(/^[0-9]{2}$/)
    .nullable()
    .optional()
    .describe(
      'GB/T 4754-2017 division (GET /api/v1/industries). Without it the industry is read from the industry text or the name',
    ),
  size: z.enum(ACCOUNT_SIZES).nullable().optional(),
  source: text(50).nullable().optional(),
  tags: list(20, text(30)).optional(),
  parentId: z.uuid().nullable().optional().describe('group parent (集团) or, for a branch, the head office'),
  isBranch: z.boolean().optional().describe('a branch office (分公司) of parentId'),
};

const accountFieldsSchema = z.strictObject(accountFields);
const contacts = z.array(contactInput).max(20);

export const checkAccountBody = accountFieldsSchema
  .pick({
    legalName: true,
    aliases: true,
    englishName: true,
    uscc: true,
    phones: true,
    emails: true,
    website: true,
    province: true,
    city: true,
    district: true,
    street: true,
  })
  .extend({ contacts: contacts.optional() });
export type CheckAccountInput = z.infer<typeof checkAccountBody>;

export const createAccountBody = accountFieldsSchema.extend({
  contacts: contacts.optional(),
  confirm: z
    .strictObject({ reason: text(500) })
    .optional()
    .describe('create even though possible duplicates exist; the reason is audited'),
});
export type CreateAccountInput = z.infer<typeof createAccountBody>;

export const updateAccountBody = accountFieldsSchema.partial().extend({
  reason: text(500).optional(),
  confirm: z
    .strictObject({ reason: text(500) })
    .optional()
    .describe('save even though the new values look like other customers; the reason is audited'),
});
export type UpdateAccountInput = z.infer<typeof updateAccountBody>;

export const listAccountsQuery = z.strictObject({
  ...pageQuery,
  q: z
    .string()
    .trim()
    .max(100)
    .optional()
    .describe(
      'a name in either script or in pinyin (騰達, tengda), part of one, a USCC, a phone, an e-mail or a web domain',
    ),
  status: z.enum(ACCOUNT_STATUSES).default('active'),
  ownerId: z.uuid().optional(),
  teamId: z.uuid().optional().describe('held by someone in this team or below it'),
  tag: z.string().trim().min(1).max(30).optional(),
  province: z.string().trim().min(1).max(50).optional(),
  city: z.string().trim().min(1).max(50).optional(),
  industry: z.string().trim().min(1).max(50).optional(),
  regionCode: z
    .string()
    .regex(/^[0-9]{6}$/)
    .optional()
    .describe('customers in this GB/T 2260 division or anywhere under it'),
  industryCode: z
    .string()
    .regex(/^(?:[A-T]|[0-9]{2})$/)
    .optional()
    .describe('a GB/T 4754 section letter (all its divisions) or a division'),
  createdFrom: z.iso.datetime({ offset: true }).optional().describe('inclusive'),
  createdTo: z.iso.datetime({ offset: true }).optional().describe('exclusive'),
  sort: z.enum(['createdAt', 'updatedAt', 'legalName']).default('createdAt'),
  order: z.enum(['asc', 'desc']).default('desc'),
});
export type ListAccountsQuery = z.infer<typeof listAccountsQuery>;

export const contactSchema = z.object({
  id: z.uuid(),
  accountId: z.uuid(),
  name: z.string(),
  mobile: z.string().nullable(),
  email: z.string().nullable(),
  title: z.string().nullable(),
});

export const accountSchema = z.object({
  id: z.uuid(),
  legalName: z.string(),
  aliases: z.array(z.string()),
  englishName: z.string().nullable(),
  uscc: z.string().nullable(),
  usccValid: z.boolean(),
  phones: z.array(z.string()),
  emails: z.array(z.string()),
  website: z.string().nullable(),
  province: z.string().nullable(),
  city: z.string().nullable(),
  district: z.string().nullable(),
  street: z.string().nullable(),
  industry: z.string().nullable(),
  regionCode: z.string().nullable(),
  regionSource: z
    .enum(REGION_SOURCES)
    .nullable()
    .describe('where the region code came from: chosen, or read from the address, the USCC or the name'),
  industryCode: z.string().nullable(),
  industrySource: z
    .enum(INDUSTRY_SOURCES)
    .nullable()
    .describe('where the industry code came from: chosen, or read from the industry text or the name'),
  size: z.enum(ACCOUNT_SIZES).nullable(),
  source: z.string().nullable(),
  tags: z.array(z.string()),
  parentId: z.uuid().nullable(),
  isBranch: z.boolean(),
  ownerId: z.uuid().nullable(),
  partnerId: z.uuid().nullable(),
  status: z.enum(ACCOUNT_STATUSES),
  mergedInto: z.uuid().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Account = z.infer<typeof accountSchema>;

export const accountDetailSchema = accountSchema.extend({ contacts: z.array(contactSchema) });

/** One piece of matching evidence: a code, its parameters, how much it weighed. No prose: clients translate. */
export const reasonSchema = z
  .object({
    code: z
      .enum([...EVIDENCE_CODES, 'legacy'])
      .describe(
        "what was found, e.g. name.equal, phone.shared, region.conflict; 'legacy': evidence stored before " +
          'codes existed, params { field, comparison, text } with text in English',
      ),
    params: z
      .record(z.string(), z.unknown())
      .describe('the values behind the code: compared values {a, b}, a shared value and its holders, …'),
    points: z
      .number()
      .optional()
      .describe(
        'log-odds points it added or took away; absent for hard rules and notes that are not weighed',
      ),
  })
  .describe('one piece of evidence for or against two records being one company');

export const matchSchema = z.object({
  verdict: z.enum(['same', 'possible', 'different']),
  visible: z
    .boolean()
    .describe('false: the caller may not see this customer; only existence and ownership are told'),
  owned: z.boolean().describe('false: the customer is in the public pool'),
  accountId: z.uuid().optional(),
  legalName: z.string().optional(),
  score: z.number().optional(),
  reasons: z.array(reasonSchema).optional(),
});

/** A problem with the input that did not stop the request (an invalid USCC is kept but never used). */
export const warningSchema = z.object({ field: z.string(), problem: z.string(), message: z.string() });

export const checkResultSchema = z.object({
  verdict: z.enum(['same', 'possible', 'none']),
  matches: z.array(matchSchema),
  warnings: z.array(warningSchema),
});

export const createdAccountSchema = accountDetailSchema.extend({
  warnings: z.array(warningSchema),
  decisionId: z
    .uuid()
    .describe('the admission decision: what the duplicate check found and why it let this in'),
});

const mergeDelta = z.unknown().describe('what the survivor gained and which conflicting values were kept');

export const mergeResultSchema = z.object({
  mergeId: z.uuid(),
  decisionId: z.uuid(),
  survivor: accountSchema,
  delta: mergeDelta,
  moved: z.object({ contacts: z.array(z.uuid()), children: z.array(z.uuid()) }),
});

export const accountMergeSchema = z.object({
  id: z.uuid(),
  survivorId: z.uuid().nullable().describe('null when the caller may not see the surviving account'),
  mergedId: z
    .uuid()
    .nullable()
    .describe('null for values folded in from an import (see source), or an account the caller may not see'),
  visible: z
    .boolean()
    .describe('false: the caller may not see where the values came from; delta is withheld'),
  source: z
    .object({ importId: z.uuid(), clusterId: z.string(), lines: z.array(z.number().int()) })
    .nullable()
    .describe('for values folded in from an import the caller may see: which rows'),
  reason: z
    .string()
    .nullable()
    .describe('null where delta is withheld, or the values came from an import the caller may not see'),
  delta: mergeDelta.nullable(),
  decisionId: z.uuid().nullable(),
  mergedAt: z.string(),
  unmergedAt: z.string().nullable(),
});
