import { z } from 'zod';

/** Every list endpoint pages the same way: `limit` (1–200, default 50) and `offset`. */
export const pageQuery = {
  limit: z.coerce.number().int().min(1).max(200).default(50).describe('page size, 1–200'),
  offset: z.coerce.number().int().min(0).default(0).describe('rows to skip'),
};

export interface Page {
  limit: number;
  offset: number;
}

export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({
    items: z.array(item),
    total: z.number().int().describe('rows matching the filters'),
    limit: z.number().int(),
    offset: z.number().int(),
  });
}
