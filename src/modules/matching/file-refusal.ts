import { AppError } from '../../errors.js';
import type { InputProblem, InputProblemCode } from './input-problems.schema.js';

/**
 * A file refused as a whole (a ZIP bomb, an encoding we cannot decode, no name column). The error's message
 * names the file; the problem — a code the UI translates, its parameters and the reason — travels in
 * `details.problem`, so an import can list it beside the line problems.
 */
export function refuseFile(
  code: InputProblemCode,
  path: string,
  reason: string,
  params?: Record<string, string | number>,
  details: Record<string, unknown> = {},
): AppError {
  const problem: InputProblem = { line: 1, code, message: reason, ...(params && { params }) };
  return new AppError('VALIDATION_FAILED', `${path}: ${reason}`, { ...details, problem });
}

/** The problem a refusal carries in its error's details, if it is one. */
export function refusalProblem(details: Record<string, unknown> | undefined): InputProblem | null {
  const problem = details?.problem as InputProblem | undefined;
  return problem && typeof problem.code === 'string' ? problem : null;
}
