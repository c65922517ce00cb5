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
import { themeLanguage } from './analysis/themes';
import type { CurationState } from './curation/edits';
import { applySplits, compileCuration, type CatalogueCuration, type WindowConversation } from './curation/splits';

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
  /** made by a split the product team defined (docs/CURATION.md) */
  curated?: boolean;
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

export interface WindowOptions {
  previous?: ThemeCatalogue;
  generatedAt?: string;
  /** the product team's active edits (docs/CURATION.md): splits are compiled on this window and applied */
  curation?: Pick<CurationState, 'splits' | 'mergedInto' | 'created'> & Partial<Pick<CurationState, 'hidden' | 'labels'>>;
  /** theme ids the edits name: kept on smaller keyphrase overlap */
  pinned?: ReadonlySet<string>;
  /** curated themes no longer in the previous catalogue (their last keyphrases) */
  remembered?: Array<{ id: string; lang: string; keyphrases: string[] }>;
}

export function themesOfWindow(window: ThemeDoc[], matcher: TaxonomyMatcher, options: WindowOptions = {}): WindowThemes {
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
  const discovered = discoverThemes(docs, { previous: options.previous, generatedAt: options.generatedAt, chatter, words, pinned: options.pinned, remembered: options.remembered });
  const catalogue = discovered.catalogue;
  const byId = new Map(window.map((d) => [d.id, d]));
  // The product team's splits, learned on this window (examples) and applied to it: each conversation's final theme.
  const definedOf = new Map([...defined].flatMap(([id, members]) => members.map((d) => [d.id, id] as const)));
  const themed: WindowConversation[] = [...reasons].map(([id, reason]) => ({ id, lang: themeLanguage(byId.get(id)!), reason, theme: definedOf.get(id) ?? discovered.assignments.get(id) ?? OTHER_THEME.id }));
  const discoveredLabels = new Map<string, string>([...catalogue.themes.map((t) => [t.id, t.label] as const), ...matcher.themes.map((t) => [t.id, t.label] as const)]);
  catalogue.curation = compileCuration(options.curation ?? { splits: [], mergedInto: new Map() }, themed, options.previous?.curation, (id) => discoveredLabels.get(id));
  const finalOf = new Map(themed.map((d) => [d.id, applySplits({ id: d.theme, label: '' }, d, catalogue.curation).id]));
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
  if (catalogue.curation.splits.length) addSplitThemes(entries, catalogue.curation, finalOf, quotesOf, reasons, byId, options.curation?.created);
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

/**
 * After the product team's splits: each theme's size is what the window's conversations now count as, and every
 * theme a split created gets an entry (its keywords as keyphrases, the area of the theme it was split from, quotes
 * of its own members).
 */
function addSplitThemes(
  entries: ThemeEntry[],
  curation: CatalogueCuration,
  finalOf: Map<string, string>,
  quotesOf: (ids: string[]) => Quote[],
  reasons: Map<string, ContactReason>,
  byId: Map<string, ThemeDoc>,
  created: ReadonlyMap<string, { from: string }> | undefined,
): void {
  const members = groupBy([...finalOf.keys()], (id) => finalOf.get(id)!);
  for (const e of entries) e.size = members.get(e.themeId)?.length ?? 0;
  const entryOf = new Map(entries.map((e) => [e.themeId, e]));
  for (const split of curation.splits) {
    if (entryOf.has(split.target.id) || (created && !created.has(split.target.id))) continue;
    const source = entryOf.get(split.source);
    const own = (members.get(split.target.id) ?? []).map((id) => byId.get(id)!).filter(Boolean);
    const entry: ThemeEntry = {
      themeId: split.target.id,
      label: split.target.label,
      keyphrases: split.keywords,
      ...(source?.lang ? { lang: source.lang } : {}),
      curated: true,
      size: own.length,
      area: source?.area ?? { id: split.target.id, label: split.target.label },
      quotes: quotesOf(distinctQuotes(own, reasons)),
      concepts: [],
      related: [],
    };
    entries.push(entry);
    entryOf.set(entry.themeId, entry);
  }
}
