/**
 * What reading a customer list can find wrong, as codes the UI translates (web/src/i18n/*.imports.ts; the
 * type checker holds both languages to this list). Pure, so the web can take the type from here.
 */
export const INPUT_PROBLEM_CODES = [
  // Notes about the file as a whole (see FILE_NOTES).
  'ENCODING',
  'UNKNOWN_COLUMN',
  'ID_FROM_LINE',
  // A row that could not be used, or that was used with a remark.
  'CSV_SYNTAX',
  'RAGGED_LINE',
  'BAD_ENCODING',
  'BAD_CHARACTER',
  'FIELD_TOO_LARGE',
  'MISSING_ID',
  'DUPLICATE_ID',
  'MISSING_NAME',
  'FORMULA',
  // A cell that cannot be used: the row is imported without that value (the review says which).
  'BAD_PHONE',
  'BAD_EMAIL',
  'BAD_WEBSITE',
  'BAD_USCC',
  // The file refused as a whole (file-refusal.ts): nothing of it is used.
  'NO_NAME_COLUMN',
  'UNSUPPORTED_ENCODING',
  'ARCHIVE_DAMAGED',
  'ARCHIVE_TOO_LARGE',
  'ARCHIVE_RATIO',
  'FILE_TOO_COMPLEX',
] as const;

export type InputProblemCode = (typeof INPUT_PROBLEM_CODES)[number];

/** Problems that concern the whole file (found at its header), not one row. */
export const FILE_NOTES: ReadonlySet<InputProblemCode> = new Set([
  'ENCODING',
  'UNKNOWN_COLUMN',
  'ID_FROM_LINE',
]);

export interface InputProblem {
  /** 1-based line (CSV) or row (XLSX) where the record starts; 1 for problems with the header or file. */
  line: number;
  code: InputProblemCode;
  message: string;
  id?: string;
  column?: string;
  /** Values for the translated text, e.g. the encoding an ENCODING note names. */
  params?: Record<string, string | number>;
}
