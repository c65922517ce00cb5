/**
 * The themes of one discovery window, as the nightly run stores them: the chatter of each language is
 * learned over the whole window, the taxonomy takes the conversations its themes match, discovery finds
 * the rest; themes roll up into areas (taxonomy areas first); every theme, defined or discovered, and the
 * «other» bucket get an entry with representative redacted quotes, its concepts and the same topic in
 * other languages. Pure: no I/O.
 */
import { OTHER_THEME, discoverThemes, type ThemeCatalogue, type ThemeDoc } from './analysis';
import { placeInTaxonomyAreas, type ThemeArea } from './analysis/areas';
import { clauseKey, contactReason, learnChatter, reasonText as aboutText, type ContactReason } from './analysis/chatter';
import { shareableQuote, sharedWords } from './analysis/shared-words';
import { CONCEPT_LANGUAGES, conceptProfile, conceptRelation, conceptsOf, MIN_RELATION, relateAcrossLanguages, type ConceptProfile, type RelatedTheme } from './analysis/concepts';
import type { TaxonomyMatcher } from './taxonomy';

export interface Quote {
  conversationId: string;
  /** the customer's own words about the problem (redacted at ingest, chatter removed) */
  text: string;
}

export interface ThemeEntry {
  themeId: string;
  label: string;
  keyphrases: string[];
  lang?: string;
  /** what a non-English theme is about, in English (concepts.ts) */
  gloss?: string;
  defined?: boolean;
  size: number;
  area: { id: string; label: string };
  quotes: Quote[];
  /** support concept ids, strongest first */
  concepts: string[];
  related: RelatedTheme[];
}

export interface AreaEntry {
  areaId: string;
  label: string;
  lang: string;
  defined?: boolean;
  themeIds: string[];
}

export interface WindowThemes {
  catalogue: ThemeCatalogue;
  /** conversations with something to theme */
  conversations: number;
  themes: ThemeEntry[];
  areas: AreaEntry[];
}

const QUOTES_PER_THEME = 5;
const QUOTE_CHARS = 280;
/** Members per theme whose texts make a defined theme's concept profile. */
const PROFILE_SAMPLE = 300;

function spread<T>(items: T[], limit: number): T[] {
  if (items.length <= limit) return items;
  return Array.from({ length: limit }, (_, i) => items[Math.floor((i * items.length) / limit)]!);
}

function groupBy<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = out.get(k);
    if (list) list.push(item);
    else out.set(k, [item]);
  }
  return out;
}

function shorten(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > QUOTE_CHARS ? `${flat.slice(0, QUOTE_CHARS - 1)}…` : flat;
}

export function themesOfWindow(
  window: ThemeDoc[],
  matcher: TaxonomyMatcher,
  options: { previous?: ThemeCatalogue; generatedAt?: string } = {},
): WindowThemes {
  // Chatter is learned over the whole window, so the taxonomy and discovery both read what customers contacted us about;
  // words are counted over it too, so a quote shows only words several customers used.
  const chatter: Record<string, string[]> = {};
  const words: Record<string, string[]> = {};
  for (const [lang, members] of groupBy(window, (d) => d.lang)) {
    chatter[lang] = learnChatter(members, lang);
    words[lang] = sharedWords(members, lang);
  }
  const reasons = new Map<string, ContactReason>();
  const docs: ThemeDoc[] = [];
  // Conversations a defined theme covers are not rediscovered: discovery finds what the taxonomy misses.
  const defined = new Map<string, ThemeDoc[]>();
  for (const doc of window) {
    const reason = contactReason(doc.messages, new Set(chatter[doc.lang]));
    if (!reason.opening) continue;
    reasons.set(doc.id, reason);
    const match = matcher.match(aboutText(reason), doc.lang);
    if (!match) docs.push(doc);
    else if (defined.has(match.id)) defined.get(match.id)!.push(doc);
    else defined.set(match.id, [doc]);
  }
  const discovered = discoverThemes(docs, { previous: options.previous, generatedAt: options.generatedAt, chatter, words });
  const catalogue = discovered.catalogue;
  const byId = new Map(window.map((d) => [d.id, d]));
  const shared = new Map(Object.entries(words).map(([lang, list]) => [lang, new Set(list)]));
  const quotesOf = (ids: string[]): Quote[] =>
    ids.flatMap((id) => {
      const lang = byId.get(id)?.lang ?? 'und';
      const text = shareableQuote(shorten(reasons.get(id)?.opening ?? ''), lang, shared.get(lang) ?? new Set());
      return text ? [{ conversationId: id, text }] : [];
    });

  // Concept profiles: discovered themes carry theirs; defined themes and taxonomy areas get theirs from their members.
  const texts = (members: ThemeDoc[]) => members.map((d) => ({ text: aboutText(reasons.get(d.id)!), lang: d.lang }));
  const definedList = matcher.themes;
  const definedProfiles = definedList.map((t) => conceptProfile({ id: t.id, lang: '*', label: t.label }, texts(spread(defined.get(t.id) ?? [], PROFILE_SAMPLE))));
  const profiles: ConceptProfile[] = [
    ...catalogue.themes.map((t) => ({ id: t.id, lang: t.lang, label: t.label, concepts: t.concepts ?? [] })),
    ...definedProfiles,
  ];
  const related = relateAcrossLanguages(profiles);
  // Conversations no discovered theme fits reach a defined theme about the concept they mention (a Dutch
  // "geld terug" finds the taxonomy's refunds even where its keywords name no Dutch word).
  const model = catalogue.model as { byConcept?: { defined?: Record<string, { id: string; label: string }> } };
  if (model.byConcept) {
    model.byConcept.defined = {};
    definedProfiles.forEach((p) => {
      const top = p.concepts[0]?.[0];
      if (top) model.byConcept!.defined![top] ??= { id: p.id, label: p.label };
    });
  }

  // Taxonomy areas first: a discovered theme about the same concepts as a taxonomy area joins it.
  // An area is about what any of its themes is about (each theme profiled from its members, or its keywords when it has none).
  const profileOf = new Map(definedProfiles.map((p, i) => [p.id, p.concepts.length ? p.concepts : keywordConcepts(definedList[i]!.keywords)]));
  const definedAreas = [...groupBy(definedList.filter((t) => t.area), (t) => t.area!.id).values()].map((themes) => ({
    area: themes[0]!.area!,
    themeIds: themes.map((t) => t.id),
    concepts: strongest(themes.flatMap((t) => profileOf.get(t.id) ?? [])),
  }));
  const placed = placeInTaxonomyAreas(catalogue.areas ?? [], new Map(profiles.map((p) => [p.id, p.concepts])), definedAreas, conceptRelation, MIN_RELATION);
  catalogue.areas = placed.areas;
  for (const t of catalogue.themes) t.area = placed.areaOf.get(t.id);
  // A defined theme outside any taxonomy area is an area of its own.
  const areaOf = (id: string, label: string) => placed.areaOf.get(id) ?? { id, label };

  const entries: ThemeEntry[] = [
    ...catalogue.themes.map((t) => ({
      themeId: t.id,
      label: t.label,
      keyphrases: t.keyphrases,
      lang: t.lang,
      gloss: t.gloss,
      size: t.size,
      area: areaOf(t.id, t.label),
      quotes: quotesOf(t.exampleDocIds),
      concepts: (t.concepts ?? []).map(([c]) => c),
      related: related.get(t.id) ?? [],
    })),
    ...definedList.map((t, i) => ({
      themeId: t.id,
      label: t.label,
      keyphrases: t.keywords,
      defined: true,
      size: defined.get(t.id)?.length ?? 0,
      area: areaOf(t.id, t.label),
      quotes: quotesOf(distinctQuotes(defined.get(t.id) ?? [], reasons)),
      concepts: definedProfiles[i]!.concepts.map(([c]) => c),
      related: related.get(t.id) ?? [],
    })),
    {
      themeId: OTHER_THEME.id,
      label: OTHER_THEME.label,
      keyphrases: [],
      size: catalogue.other?.size ?? 0,
      area: { ...OTHER_THEME },
      quotes: quotesOf((catalogue.other?.exampleDocIds ?? []).filter((id) => byId.has(id))),
      concepts: [],
      related: [],
    },
  ];
  const areas: AreaEntry[] = [
    ...(catalogue.areas ?? []).map((a: ThemeArea) => ({ areaId: a.id, label: a.label, lang: a.lang, defined: a.defined, themeIds: a.themeIds })),
    // Defined themes outside any taxonomy area are areas of their own.
    ...definedList.filter((t) => !t.area).map((t) => ({ areaId: t.id, label: t.label, lang: '*', defined: true, themeIds: [t.id] })),
  ];
  return { catalogue, conversations: reasons.size, themes: entries, areas };
}

/** Concepts a theme's keywords name (each keyword in every language the dictionary covers). */
function keywordConcepts(keywords: string[]): Array<[string, number]> {
  const found = new Set(keywords.flatMap((k) => CONCEPT_LANGUAGES.flatMap((lang) => conceptsOf(k, lang))));
  return [...found].sort().map((c) => [c, 1]);
}

/** Per concept, its largest share among several profiles, strongest first. */
function strongest(concepts: Array<[string, number]>): Array<[string, number]> {
  const best = new Map<string, number>();
  for (const [c, s] of concepts) best.set(c, Math.max(best.get(c) ?? 0, s));
  return [...best].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
}

/** Up to QUOTES_PER_THEME members spread over a defined theme, each from another customer and in other words. */
function distinctQuotes(members: ThemeDoc[], reasons: Map<string, ContactReason>): string[] {
  const said = new Set<string>();
  const customers = new Set<string>();
  const out: string[] = [];
  for (const d of spread(members, QUOTES_PER_THEME * 8)) {
    if (out.length >= QUOTES_PER_THEME) break;
    const key = clauseKey(reasons.get(d.id)?.opening ?? '');
    const customer = d.customer ?? d.id;
    if (!key || said.has(key) || customers.has(customer)) continue;
    said.add(key);
    customers.add(customer);
    out.push(d.id);
  }
  return out;
}
