import { ApiError, type FieldProblem } from '../api/client.js';

export interface FormFieldErrors {
  /** A field's name, or the path of a field in a list (`['contacts', 0, 'mobile']`). */
  name: string | (string | number)[];
  errors: string[];
}

/** The field problems an API error carries in `details.fields`, whatever its code (a taken login too). */
export function problemsOf(error: unknown): FieldProblem[] {
  return error instanceof ApiError ? error.fields : [];
}

/**
 * The form field a problem's path lands on: the field of that name; a field in a list when the form declares
 * the list's fields as `contacts.*.mobile` (`contacts.0.mobile` → `['contacts', 0, 'mobile']`); else the
 * top-level field (`scopes.0` → `scopes`, `phones.1` → `phones` when phones are typed as one text).
 */
export function fieldNameOf(
  path: string,
  formFields: readonly string[],
): FormFieldErrors['name'] | undefined {
  if (formFields.includes(path)) return path;
  const parts = path.split('.');
  for (const field of formFields) {
    const pattern = field.split('.');
    if (!pattern.includes('*') || pattern.length !== parts.length) continue;
    const fits = pattern.every((p, i) => (p === '*' ? /^\d+$/.test(parts[i]!) : p === parts[i]));
    if (fits) return parts.map((p, i) => (pattern[i] === '*' ? Number(p) : p));
  }
  const top = parts[0];
  return top !== undefined && formFields.includes(top) ? top : undefined;
}

/**
 * Splits problems into errors for the form's own fields and the rest (shown above the form). Every problem
 * of a field is kept, so all of them show at once.
 */
export function mapProblemsToFields(
  problems: readonly FieldProblem[],
  formFields: readonly string[],
  describe: (problem: FieldProblem) => string,
): { fields: FormFieldErrors[]; others: FieldProblem[] } {
  const byField = new Map<string, FormFieldErrors>();
  const others: FieldProblem[] = [];
  for (const problem of problems) {
    const name = fieldNameOf(problem.field, formFields);
    if (name === undefined) {
      others.push(problem);
      continue;
    }
    const key = JSON.stringify(name);
    const entry = byField.get(key) ?? { name, errors: [] };
    const text = describe(problem);
    if (!entry.errors.includes(text)) entry.errors.push(text);
    byField.set(key, entry);
  }
  return { fields: [...byField.values()], others };
}
