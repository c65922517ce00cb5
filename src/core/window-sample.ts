/**
 * A bounded, deterministic sample of a discovery window's conversations, per language: discovery fits on at most
 * 10,000 conversations a language (analysis/themes.ts) and learns chatter and shared words from word counts, so
 * beyond a few more it gains nothing from holding every text of a busy month — at a million conversations a year
 * the 30-day window is ≈ 85,000, and holding them all took discovery past 600 MB. Which conversations are kept
 * depends only on their ids (a hash), not on the order they are read in, so a re-run keeps the same ones; the kept
 * ones stay in reading order, and a language under the bound keeps every conversation (the sample is the window).
 */
import { hash32 } from './kpis/hash';

/** Conversations a language keeps in the window sample (above the 10,000 discovery fits on). */
export const WINDOW_DOCS_PER_LANGUAGE = 12_000;

interface Kept<T> {
  item: T;
  order: number;
  rank: number;
}

export class WindowSample<T> {
  private readonly byLanguage = new Map<string, Kept<T>[]>();
  private seen = 0;
  private readonly seenByLanguage = new Map<string, number>();

  constructor(private readonly perLanguage = WINDOW_DOCS_PER_LANGUAGE) {}

  add(item: T, id: string, lang: string): void {
    const order = this.seen++;
    this.seenByLanguage.set(lang, (this.seenByLanguage.get(lang) ?? 0) + 1);
    let kept = this.byLanguage.get(lang);
    if (!kept) this.byLanguage.set(lang, (kept = []));
    kept.push({ item, order, rank: hash32(id) });
    // Trimmed in batches: memory stays under twice the bound, and the smallest ranks survive whatever the order.
    if (kept.length >= 2 * this.perLanguage) this.byLanguage.set(lang, trim(kept, this.perLanguage));
  }

  /** How many were added, and how many of them the sample keeps. */
  get counts(): { seen: number; kept: number } {
    let kept = 0;
    for (const n of this.seenByLanguage.values()) kept += Math.min(n, this.perLanguage);
    return { seen: this.seen, kept };
  }

  /** The kept items, in the order they were added. */
  items(): T[] {
    return [...this.byLanguage.values()]
      .flatMap((kept) => trim(kept, this.perLanguage))
      .sort((a, b) => a.order - b.order)
      .map((k) => k.item);
  }
}

function trim<T>(kept: Kept<T>[], bound: number): Kept<T>[] {
  if (kept.length <= bound) return kept;
  return [...kept].sort((a, b) => a.rank - b.rank || a.order - b.order).slice(0, bound);
}
