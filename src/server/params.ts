/** Query-parameter pieces the read API's routes share (zod): a date range, the segment filters, a bounded limit. */
import * as z from 'zod';

const day = /^\d{4}-\d{2}-\d{2}$/;
export const rangeParams = {
  from: z.string().regex(day, 'expected YYYY-MM-DD').optional(),
  to: z.string().regex(day, 'expected YYYY-MM-DD').optional(),
};
export const filterParams = {
  lang: z.string().min(2).max(8).optional(),
  channel: z.string().max(32).optional(),
  segment: z.string().max(64).optional(),
  team: z.string().max(64).optional(),
  source: z.string().max(64).optional(),
};
export const limitParam = (max: number) => z.coerce.number().int().min(1).max(max).optional();
export const formatParam = z.enum(['json', 'csv']).optional();
