import { z } from 'zod';

export const errorBodySchema = z
  .object({
    error: z.object({
      code: z.string().describe('stable machine-readable code, e.g. VALIDATION_FAILED'),
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
};

/** Success responses plus the shared error shape for every 4xx a route can return. */
export function responses<T extends Record<number, z.ZodType>>(success: T) {
  return { ...errorResponses, ...success };
}

export const idParams = z.strictObject({ id: z.uuid() });
export const noContent = z.null().describe('no content');
