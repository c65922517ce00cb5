/**
 * A settings file read as JSON and checked by a schema, naming the file and the field on error. Its own module so
 * the readers (the query Lambda's alerts route) do not load the taxonomy and, with it, the analysis.
 */
import type * as z from 'zod';
import type { BlobStore } from '../ports';
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

/** One settings file in the bucket (config/…json): parse a user's file, load the stored one ('{}' when absent: defaults), save. */
export function jsonSettingsFile<T>(key: string, schema: z.ZodType<T>, hint: string) {
  const parse = (text: string, origin: string): T => parseJsonSettings(text, origin, schema, hint);
  return {
    parse,
    async load(blobs: BlobStore): Promise<T> {
      const bytes = await blobs.get(key);
      return parse(bytes ? Buffer.from(bytes).toString('utf8') : '{}', key);
    },
    async save(blobs: BlobStore, settings: T): Promise<void> {
      await blobs.put(key, JSON.stringify(settings, null, 2), 'application/json');
    },
  };
}
