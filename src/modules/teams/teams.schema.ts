import { z } from 'zod';

export const teamSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  parentId: z.uuid().nullable(),
  managerId: z.uuid().nullable(),
  memberCount: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Team = z.infer<typeof teamSchema>;

export const createTeamBody = z.strictObject({
  name: z.string().trim().min(1).max(100),
  parentId: z.uuid().nullable().optional(),
  managerId: z.uuid().nullable().optional(),
});
export type CreateTeamInput = z.infer<typeof createTeamBody>;

export const updateTeamBody = createTeamBody.partial();
export type UpdateTeamInput = z.infer<typeof updateTeamBody>;
