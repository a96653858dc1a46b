import type { CreateUserBody, Language, Role, UpdateUserBody, User, UserStatus } from '../../api/types.js';

/** What the user form holds; empty inputs are '' or undefined, "none" selects are null. */
export interface UserFormValues {
  login?: string;
  displayName: string;
  email?: string | null;
  phone?: string | null;
  role: Role;
  status: UserStatus;
  teamId?: string | null;
  managerId?: string | null;
  language?: Language | null;
  password?: string;
  reason?: string;
}

export const USER_FORM_FIELDS = [
  'login',
  'displayName',
  'email',
  'phone',
  'role',
  'status',
  'teamId',
  'managerId',
  'language',
  'password',
  'reason',
] as const;

const text = (value: string | null | undefined): string | null => {
  const trimmed = value?.trim();
  return trimmed ? trimmed : null;
};

/** A create request with only the fields that were filled in (the server rejects unknown or empty ones). */
export function toCreateBody(values: UserFormValues): CreateUserBody {
  const body: CreateUserBody = {
    login: (values.login ?? '').trim(),
    displayName: values.displayName.trim(),
    role: values.role,
    status: values.status,
  };
  const email = text(values.email);
  const phone = text(values.phone);
  const password = values.password ? values.password : undefined;
  if (email) body.email = email;
  if (phone) body.phone = phone;
  if (values.teamId) body.teamId = values.teamId;
  if (values.managerId) body.managerId = values.managerId;
  if (values.language) body.language = values.language;
  if (password) body.password = password;
  return body;
}

export function toFormValues(user: User): UserFormValues {
  return {
    login: user.login,
    displayName: user.displayName,
    email: user.email,
    phone: user.phone,
    role: user.role,
    status: user.status,
    teamId: user.teamId,
    managerId: user.managerId,
    language: user.language,
  };
}

/**
 * A patch with only what changed, so the audit log shows the real change and an unchanged role of one's own
 * is not sent at all. Cleared inputs become null. Returns null when nothing changed.
 */
export function toUpdateBody(user: User, values: UserFormValues): UpdateUserBody | null {
  const next = {
    displayName: values.displayName.trim(),
    email: text(values.email),
    phone: text(values.phone),
    role: values.role,
    status: values.status,
    teamId: values.teamId ?? null,
    managerId: values.managerId ?? null,
    language: values.language ?? null,
  };
  const body: UpdateUserBody = {};
  const changed = <K extends keyof typeof next>(key: K) => next[key] !== user[key];
  if (changed('displayName')) body.displayName = next.displayName;
  if (changed('email')) body.email = next.email;
  if (changed('phone')) body.phone = next.phone;
  if (changed('role')) body.role = next.role;
  if (changed('status')) body.status = next.status;
  if (changed('teamId')) body.teamId = next.teamId;
  if (changed('managerId')) body.managerId = next.managerId;
  if (changed('language')) body.language = next.language;
  if (Object.keys(body).length === 0) return null;
  const reason = text(values.reason);
  if (reason) body.reason = reason;
  return body;
}
