import { z } from 'zod';
import { normalizePhone } from './phone.js';

/**
 * A phone number field: checked by the schema, beside every other field, so that one request names every
 * field in error at once (a bad e-mail no longer hides a bad phone until it is fixed). The issue carries its
 * problem code (`invalid_phone`), which the HTTP edge reports as the field's problem.
 */
export const phoneText = (max = 40) =>
  z
    .string()
    .trim()
    .min(1)
    .max(max)
    .refine((value) => normalizePhone(value).e164 !== null, {
      message: 'is not a phone number',
      params: { problem: 'invalid_phone' },
    });

/** A phone a person may leave empty (a user's own): an empty text is no number, not a bad one. */
export const optionalPhoneText = (max = 40) =>
  z
    .string()
    .trim()
    .max(max)
    .refine((value) => value === '' || normalizePhone(value).e164 !== null, {
      message: 'is not a phone number',
      params: { problem: 'invalid_phone' },
    })
    .nullable()
    .optional();
