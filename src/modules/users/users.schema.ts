import { z } from 'zod';
import { ROLES } from '../access/index.js';
import { pageQuery } from '../../http/pagination.js';

export const USER_STATUSES = ['active', 'absent', 'inactive'] as const;
export const LANGUAGES = ['zh-CN', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

const login = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9._@-]{2,64}$/, 'use 2–64 letters, digits, dots, dashes, underscores or @');

const optionalText = (max: number) => z.string().trim().max(max).nullable().optional();

export const userSchema = z.object({
  id: z.uuid(),
  login: z.string(),
  displayName: z.string(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  status: z.enum(USER_STATUSES),
  role: z.enum(ROLES),
  teamId: z.uuid().nullable(),
  managerId: z.uuid().nullable(),
  partnerId: z.uuid().nullable(),
  language: z.enum(LANGUAGES).nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type User = z.infer<typeof userSchema>;

export const createUserBody = z.strictObject({
  login,
  displayName: z.string().trim().min(1).max(100),
  email: z.email().max(200).nullable().optional(),
  phone: optionalText(40),
  role: z.enum(ROLES),
  status: z.enum(USER_STATUSES).default('active'),
  teamId: z.uuid().nullable().optional(),
  managerId: z.uuid().nullable().optional(),
  partnerId: z.uuid().nullable().optional(),
  language: z.enum(LANGUAGES).nullable().optional(),
  password: z
    .string()
    .max(256)
    .optional()
    .describe('initial password; generated and returned once when omitted'),
});
export type CreateUserInput = z.infer<typeof createUserBody>;

export const updateUserBody = createUserBody
  .omit({ login: true, password: true })
  .partial()
  .extend({ reason: z.string().trim().max(500).optional() });
export type UpdateUserInput = z.infer<typeof updateUserBody>;

export const listUsersQuery = z.strictObject({
  ...pageQuery,
  q: z.string().trim().max(100).optional().describe('matches login, display name or email'),
  status: z.enum(USER_STATUSES).optional(),
  role: z.enum(ROLES).optional(),
  teamId: z.uuid().optional(),
});
export type ListUsersQuery = z.infer<typeof listUsersQuery>;

export const createdUserSchema = userSchema.extend({
  generatedPassword: z.string().optional().describe('present only when no password was given'),
});
