import { z } from 'zod';
import { ERROR_CODES, type ErrorCode } from '../errors.js';

const codeList = Object.entries(ERROR_CODES)
  .map(([code, meaning]) => `\`${code}\`: ${meaning}`)
  .join('; ');

export const errorBodySchema = z
  .object({
    error: z.object({
      code: z
        .enum(Object.keys(ERROR_CODES) as [ErrorCode, ...ErrorCode[]])
        .describe(`stable machine-readable code. ${codeList}`),
      message: z.string(),
      details: z.record(z.string(), z.unknown()),
    }),
  })
  .describe('Every error has this shape');

const errorResponses = {
  400: errorBodySchema,
  401: errorBodySchema,
  403: errorBodySchema,
  404: errorBodySchema,
  409: errorBodySchema,
  422: errorBodySchema,
  429: errorBodySchema,
  503: errorBodySchema,
};

/** Success responses plus the shared error shape for every 4xx a route can return. */
export function responses<T extends Record<number, z.ZodType>>(success: T) {
  return { ...errorResponses, ...success };
}

export const idParams = z.strictObject({ id: z.uuid() });
export const noContent = z.null().describe('no content');
