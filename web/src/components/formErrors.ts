import { ApiError, type FieldProblem } from '../api/client.js';

export interface FormFieldErrors {
  name: string;
  errors: string[];
}

/** The field problems an API error carries in `details.fields`, whatever its code (a taken login too). */
export function problemsOf(error: unknown): FieldProblem[] {
  return error instanceof ApiError ? error.fields : [];
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
