/**
 * The theme taxonomy product managers define: areas → themes, each with keywords/phrases and
 * optional example messages. A conversation gets a defined theme where one matches and a
 * discovered theme otherwise, so new topics surface instead of hiding in "other".
 */
import * as z from 'zod';
import { tokenize } from './analysis/tokenize';
import { describeZodError } from './schema/conversation';

const slug = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'use lowercase letters, digits and dashes, e.g. "late-delivery"');

export const TaxonomyTheme = z
  .object({
    id: slug,
    label: z.string().min(1),
    /** Words or phrases; a phrase matches as a whole, case-insensitively, at word boundaries. */
    keywords: z.array(z.string().min(2)).default([]),
    /** Example customer messages: a message sharing most of an example's content words matches. */
    examples: z.array(z.string().min(3)).default([]),
    /** Restrict to these languages (ISO 639-1); all when absent. */
    languages: z.array(z.string().min(2)).optional(),
  })
  .refine((t) => t.keywords.length + t.examples.length > 0, { message: 'a theme needs keywords or examples to match on' });

export const TaxonomyArea = z.object({ id: slug, label: z.string().min(1), themes: z.array(TaxonomyTheme).min(1) });

export const Taxonomy = z
  .object({ version: z.literal(1).default(1), areas: z.array(TaxonomyArea).default([]), themes: z.array(TaxonomyTheme).default([]) })
  .superRefine((t, ctx) => {
    const seen = new Set<string>();
    for (const id of definedThemes(t as Taxonomy).map((d) => d.id)) {
      if (seen.has(id)) ctx.addIssue({ code: 'custom', message: `theme id ${id} is defined twice` });
      seen.add(id);
    }
  });
export type Taxonomy = z.infer<typeof Taxonomy>;

export interface DefinedTheme {
  /** `tax:<area>.<theme>` or `tax:<theme>`: never collides with discovered ids (`t-…`), and is safe in a URL path. */
  id: string;
  label: string;
  keywords: string[];
  examples: string[];
  languages?: string[];
  /** the taxonomy area it belongs to: id `tax:<area>` */
  area?: { id: string; label: string };
}

export function definedThemes(t: Taxonomy): DefinedTheme[] {
  return [
    ...t.areas.flatMap((a) =>
      a.themes.map((th) => ({ id: `tax:${a.id}.${th.id}`, label: `${a.label} › ${th.label}`, keywords: th.keywords, examples: th.examples, languages: th.languages, area: { id: `tax:${a.id}`, label: a.label } })),
    ),
    ...t.themes.map((th) => ({ id: `tax:${th.id}`, label: th.label, keywords: th.keywords, examples: th.examples, languages: th.languages })),
  ];
}

/** Checks parsed taxonomy data against the schema, naming the file and the field on error. */
export function validateTaxonomy(data: unknown, origin: string): Taxonomy {
  const parsed = Taxonomy.safeParse(data ?? {});
  if (!parsed.success) throw new Error(`${origin}: ${describeZodError(parsed.error)}`);
  return parsed.data;
}

/**
 * Reads the taxonomy as the pipeline stores it (JSON, written by saveTaxonomy). The user's YAML file is read by
 * taxonomy-file.ts, on the CLI side, so the nightly functions do not carry a YAML parser.
 */
export function parseStoredTaxonomy(text: string, origin: string): Taxonomy {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new Error(`${origin}: not valid JSON (${(e as Error).message})`);
  }
  return validateTaxonomy(data, origin);
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const HAN_OR_KANA = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u;

interface CompiledTheme extends DefinedTheme {
  patterns: { re: RegExp; weight: number }[];
}

export interface TaxonomyMatcher {
  readonly themes: DefinedTheme[];
  match(text: string, lang: string): { id: string; label: string } | undefined;
}

/** Share of an example's content words a message must contain to match it. */
const EXAMPLE_OVERLAP = 0.6;

export function compileTaxonomy(taxonomy: Taxonomy | undefined): TaxonomyMatcher {
  const themes = taxonomy ? definedThemes(taxonomy) : [];
  const compiled: CompiledTheme[] = themes.map((t) => ({
    ...t,
    patterns: t.keywords.map((k) => {
      const phrase = k.trim().toLowerCase().split(/\s+/).map(escape).join('\\s+');
      // Chinese/Japanese have no spaces between words: match the phrase anywhere.
      const re = HAN_OR_KANA.test(k) ? new RegExp(phrase, 'u') : new RegExp(`(?<![\\p{L}\\p{N}])${phrase}(?![\\p{L}\\p{N}])`, 'u');
      // Longer phrases are more specific: "refund not received" beats "refund".
      return { re, weight: k.trim().split(/\s+/).length };
    }),
  }));
  // Example tokens depend on the message's language; tokenise lazily per language and cache.
  const exampleCache = new Map<string, Set<string>[]>();
  const examplesFor = (t: CompiledTheme, lang: string) => {
    const key = `${t.id}\u0000${lang}`;
    let sets = exampleCache.get(key);
    if (!sets) exampleCache.set(key, (sets = t.examples.map((e) => new Set(tokenize(e, lang)))));
    return sets;
  };
  return {
    themes,
    match(text, lang) {
      if (!compiled.length || !text.trim()) return undefined;
      const lower = text.toLowerCase();
      let best: { theme: CompiledTheme; score: number } | undefined;
      let tokens: Set<string> | undefined;
      for (const t of compiled) {
        if (t.languages && !t.languages.includes(lang)) continue;
        let score = 0;
        for (const p of t.patterns) if (p.re.test(lower)) score += p.weight;
        if (t.examples.length) {
          tokens ??= new Set(tokenize(text, lang));
          for (const ex of examplesFor(t, lang)) {
            if (!ex.size) continue;
            let shared = 0;
            for (const w of ex) if (tokens.has(w)) shared++;
            if (shared / ex.size >= EXAMPLE_OVERLAP) score += 1 + shared / ex.size;
          }
        }
        if (score > 0 && (!best || score > best.score)) best = { theme: t, score };
      }
      return best ? { id: best.theme.id, label: best.theme.label } : undefined;
    },
  };
}
