import { ApiError, type FieldProblem } from '../api/client.js';

export interface FormFieldErrors {
  name: string;
  errors: string[];
}

/**
 * The field problems an API error carries: `details.fields` of VALIDATION_FAILED, or the single
 * `details.field` + `details.problem` of a CONFLICT or UNPROCESSABLE (a taken login, one's own role).
 */
export function problemsOf(error: unknown): FieldProblem[] {
  if (!(error instanceof ApiError)) return [];
  if (error.fields.length > 0) return error.fields;
  const { field, problem } = error.details;
  if (typeof field === 'string' && typeof problem === 'string')
    return [{ field, problem, message: error.message }];
  return [];
}

/**
 * Splits problems into errors for the form's own fields and the rest (shown above the form). A nested path
 * such as `scopes.0` lands on `scopes` when the form has no field of the full name.
 */
export function mapProblemsToFields(
  problems: readonly FieldProblem[],
  formFields: readonly string[],
  describe: (problem: FieldProblem) => string,
): { fields: FormFieldErrors[]; others: FieldProblem[] } {
  const byField = new Map<string, string[]>();
  const others: FieldProblem[] = [];
  for (const problem of problems) {
    const name = formFields.includes(problem.field) ? problem.field : problem.field.split('.')[0];
    if (name === undefined || !formFields.includes(name)) {
      others.push(problem);
      continue;
    }
    const errors = byField.get(name) ?? [];
    const text = describe(problem);
    if (!errors.includes(text)) errors.push(text);
    byField.set(name, errors);
  }
  return { fields: [...byField].map(([name, errors]) => ({ name, errors })), others };
}
