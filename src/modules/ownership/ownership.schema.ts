/** Why an owner named in an imported file is not honoured; the row is imported with the importer as owner. */
export const FILE_OWNER_PROBLEMS = ['OWNER_UNKNOWN', 'OWNER_INACTIVE', 'OWNER_NOT_ALLOWED'] as const;
export type FileOwnerProblem = (typeof FILE_OWNER_PROBLEMS)[number];
