/**
 * A settings file read as JSON and checked by a schema, naming the file and the field on error. Its own module so
 * the readers (the query Lambda's alerts route) do not load the taxonomy and, with it, the analysis.
 */
import type * as z from 'zod';
import { describeZodError } from '../core/schema/conversation';

export function parseJsonSettings<T>(text: string, origin: string, schema: z.ZodType<T>, hint = ''): T {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new Error(`${origin}: not valid JSON (${(e as Error).message})`);
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw new Error(`${origin}: ${describeZodError(parsed.error)}${hint}`);
  return parsed.data;
}
