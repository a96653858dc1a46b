import { describe, expect, it } from 'vitest';
import { ApiError, type FieldProblem } from '../api/client.js';
import { fieldNameOf, mapProblemsToFields, problemsOf } from './formErrors.js';

const describeProblem = (p: FieldProblem) => `${p.problem}!`;

describe('problemsOf', () => {
  it('reads details.fields of a validation error', () => {
    const fields = [{ field: 'email', problem: 'invalid_format', message: 'Invalid email address' }];
    const error = new ApiError(400, 'VALIDATION_FAILED', 'email: Invalid email address', { fields });
    expect(problemsOf(error)).toEqual(fields);
  });

  it('reads the same shape from a conflict naming one field', () => {
    const fields = [{ field: 'login', problem: 'taken', message: 'is already taken' }];
    const error = new ApiError(409, 'CONFLICT', 'The login bob is already taken', { fields, login: 'bob' });
    expect(problemsOf(error)).toEqual(fields);
  });

  it('ignores malformed entries and errors that are not from the API', () => {
    const error = new ApiError(400, 'VALIDATION_FAILED', 'x', { fields: [{ field: 1 }, 'nope'] });
    expect(problemsOf(error)).toEqual([]);
    expect(problemsOf(new Error('boom'))).toEqual([]);
    expect(problemsOf(new ApiError(403, 'FORBIDDEN', 'no', { field: 'role' }))).toEqual([]);
  });
});

describe('mapProblemsToFields', () => {
  it('puts problems on the form fields they name and keeps the rest apart', () => {
    const problems: FieldProblem[] = [
      { field: 'phone', problem: 'invalid_phone', message: 'is not a valid phone number' },
      { field: 'partnerId', problem: 'required', message: 'is required for partner roles' },
    ];
    const result = mapProblemsToFields(problems, ['phone', 'email'], describeProblem);
    expect(result.fields).toEqual([{ name: 'phone', errors: ['invalid_phone!'] }]);
    expect(result.others).toEqual([problems[1]]);
  });

  it('lands a nested path on its top-level field', () => {
    const problems = [{ field: 'scopes.0', problem: 'invalid_value', message: 'Invalid option' }];
    expect(mapProblemsToFields(problems, ['scopes'], describeProblem).fields).toEqual([
      { name: 'scopes', errors: ['invalid_value!'] },
    ]);
  });

  it('gathers several problems of one field without repeating a text', () => {
    const problems = [
      { field: 'scopes.0', problem: 'invalid_value', message: 'a' },
      { field: 'scopes.1', problem: 'invalid_value', message: 'b' },
      { field: 'scopes', problem: 'not_granted', message: 'c' },
    ];
    expect(mapProblemsToFields(problems, ['scopes'], describeProblem).fields).toEqual([
      { name: 'scopes', errors: ['invalid_value!', 'not_granted!'] },
    ]);
  });

  it('sends problems about the body as a whole to the rest', () => {
    const problems = [{ field: 'body', problem: 'invalid_type', message: 'expected object' }];
    expect(mapProblemsToFields(problems, ['name'], describeProblem)).toEqual({
      fields: [],
      others: problems,
    });
  });
});

describe('every field error at once', () => {
  const accountFields = ['legalName', 'phones', 'emails', 'contacts.*.mobile', 'contacts.*.email'];

  it('puts a bad e-mail and a bad phone of one answer under their two fields', () => {
    const problems: FieldProblem[] = [
      { field: 'phones.1', problem: 'invalid_phone', message: 'is not a phone number' },
      { field: 'emails.0', problem: 'invalid_format', message: 'Invalid email address' },
    ];
    expect(mapProblemsToFields(problems, accountFields, describeProblem)).toEqual({
      fields: [
        { name: 'phones', errors: ['invalid_phone!'] },
        { name: 'emails', errors: ['invalid_format!'] },
      ],
      others: [],
    });
  });

  it('lands a problem of a field in a list on that field of that row', () => {
    const problems = [
      { field: 'contacts.0.mobile', problem: 'invalid_phone', message: 'x' },
      { field: 'contacts.2.email', problem: 'invalid_format', message: 'y' },
    ];
    expect(mapProblemsToFields(problems, accountFields, describeProblem).fields).toEqual([
      { name: ['contacts', 0, 'mobile'], errors: ['invalid_phone!'] },
      { name: ['contacts', 2, 'email'], errors: ['invalid_format!'] },
    ]);
  });

  it('reads list patterns only where the path fits them', () => {
    expect(fieldNameOf('contacts.x.mobile', accountFields)).toBeUndefined();
    expect(fieldNameOf('contacts.0.title', accountFields)).toBeUndefined();
    expect(fieldNameOf('contacts.0.mobile.1', accountFields)).toBeUndefined();
    expect(fieldNameOf('legalName', accountFields)).toBe('legalName');
    expect(fieldNameOf('emails.3', accountFields)).toBe('emails');
  });
});
