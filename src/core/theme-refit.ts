/**
 * Whether tonight's discovery fits the theme model again or keeps the one in use (docs/ARCHITECTURE.md,
 * "Incremental discovery"). A fit reads every conversation of the window; kept, the catalogue's hash is unchanged,
 * so only the days with new data are analysed (with the kept catalogue's matcher) instead of the whole window.
 * Decided from what the last fit recorded it was made from (themes/catalogue.inputs.json) and what the window
 * holds now, never from the clock, so a retried night decides the same. Pure: no I/O.
 */
import * as z from 'zod';

/** Bump when a change to discovery's code changes what a fit produces: every deployment then fits again the next night. */
export const DISCOVERY_VERSION = 1;

/** config/discovery.json (`voc config discovery`): when a night fits the themes again. */
export const DiscoverySettings = z
  .object({
    refit: z
      .object({
        /** Fit again when at least this share of the window's conversations is new (or changed) since the last fit. */
        newConversationsShare: z.number().gt(0).max(1).optional(),
        /** Fit again when the window's newest day is at least this many days from the last fit's (1: every new night). */
        windowMovedDays: z.number().int().min(1).max(366).optional(),
      })
      .strict()
      .optional(),
  })
  .strict();
export type DiscoverySettings = z.infer<typeof DiscoverySettings>;

/**
 * Steady traffic renews about 1/30 of a 30-day window a night (3.3 %), so 15 % refits every fifth ordinary night,
 * and the same night when one day brings about five times the usual volume (a burst, when a new kind of problem is
 * most likely). Seven days bounds how far the themes' window trails the readers' one however quiet the traffic (the
 * two 30-day windows still share 23 days): a new kind of problem gets a theme of its own within a week at the latest.
 */
export const DEFAULT_REFIT = { newConversationsShare: 0.15, windowMovedDays: 7 } as const;

export function refitThresholds(settings: DiscoverySettings | undefined): { newConversationsShare: number; windowMovedDays: number } {
  return { ...DEFAULT_REFIT, ...settings?.refit };
}

export interface Window {
  from: string;
  to: string;
}

/** One day of the window as a fit saw it: its parts ("key@etag" each) and its conversations. */
export interface FitDay {
  parts: string[];
  conversations: number;
}

/** What a fit was made from; its day entries let a later night count what is new since. */
export interface FitRecord {
  version?: number;
  window?: Window | null;
  windowDays?: number;
  /** hash of the taxonomy (none: "none") */
  taxonomy?: string;
  /** the curation edits folded in (count and head edit id) */
  curation?: string;
  days?: Record<string, FitDay>;
}

/** The same facts for tonight's window, before anything is read (the listing of the parts only). */
export interface WindowState {
  window: Window;
  windowDays: number;
  taxonomy: string;
  curation: string;
  /** each day of the window with data: its parts ("key@etag" each) */
  days: Record<string, string[]>;
}

export type RefitReason =
  | 'forced'
  | 'no-catalogue'
  | 'unfinished'
  | 'no-record'
  | 'discovery-version'
  | 'taxonomy'
  | 'curation'
  | 'window-length'
  | 'window-moved'
  | 'new-conversations';

export interface FitDecision {
  refit: boolean;
  /** why it fits again; absent when kept */
  reason?: RefitReason;
  /** conversations of tonight's window in days that are new or changed since the last fit (when counted) */
  newConversations?: number;
  /** newConversations over the window's conversations now (when counted) */
  newShare?: number;
  /** days between the last fit's window end and tonight's (when a fit exists) */
  windowMovedDays?: number;
}

const dayMs = 86_400_000;
export function daysBetween(a: string, b: string): number {
  return Math.round(Math.abs(Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / dayMs);
}

/**
 * The reasons that need nothing read: a forced fit, no catalogue (or one a stopped discovery left uncommitted), a
 * record from before this decision existed, other code, taxonomy, curation or window length, or a window that moved
 * too far. Undefined: only the share of new conversations can still decide (newConversationsDecision).
 */
export function structuralDecision(
  record: FitRecord | undefined,
  now: WindowState,
  context: { forced: boolean; catalogue: 'committed' | 'missing' | 'unfinished'; windowMovedDays: number },
): FitDecision | undefined {
  const fit = (reason: RefitReason, extra: Partial<FitDecision> = {}): FitDecision => ({ refit: true, reason, ...extra });
  if (context.forced) return fit('forced');
  if (context.catalogue === 'missing') return fit('no-catalogue');
  if (context.catalogue === 'unfinished') return fit('unfinished');
  if (!record?.days || !record.window) return fit('no-record');
  const moved = daysBetween(record.window.to, now.window.to);
  if (record.version !== DISCOVERY_VERSION) return fit('discovery-version', { windowMovedDays: moved });
  if (record.taxonomy !== now.taxonomy) return fit('taxonomy', { windowMovedDays: moved });
  if (record.curation !== now.curation) return fit('curation', { windowMovedDays: moved });
  if (record.windowDays !== now.windowDays) return fit('window-length', { windowMovedDays: moved });
  if (moved >= context.windowMovedDays) return fit('window-moved', { windowMovedDays: moved });
  return undefined;
}

/**
 * A day of tonight's window that is not as the fit read it: its parts the fit did not read (a new export's, or one
 * ingested again), and whether a part the fit read is gone or rewritten (then the day counts as new whole).
 */
export interface DayChange {
  day: string;
  newParts: string[];
  whole: boolean;
}

export function changesSinceFit(record: FitRecord, now: WindowState): DayChange[] {
  const out: DayChange[] = [];
  for (const day of Object.keys(now.days).sort()) {
    const seen = record.days?.[day];
    if (!seen) {
      out.push({ day, newParts: now.days[day]!, whole: true });
      continue;
    }
    const before = new Set(seen.parts);
    const current = new Set(now.days[day]);
    const newParts = now.days[day]!.filter((p) => !before.has(p));
    const whole = seen.parts.some((p) => !current.has(p));
    if (newParts.length || whole) out.push({ day, newParts, whole });
  }
  return out;
}

/** A changed day counted: conversations new since the fit, and the day's conversations now. */
export interface CountedChange {
  fresh: number;
  total: number;
}

/**
 * The share of tonight's window that is new since the fit: a changed day with what it holds now and what is new in
 * it, an unchanged one with the count the fit recorded. Days that left the window count for nothing.
 */
export function newConversationsDecision(record: FitRecord, now: WindowState, changed: ReadonlyMap<string, CountedChange>, threshold: number, windowMovedDays: number): FitDecision {
  let total = 0;
  let fresh = 0;
  for (const day of Object.keys(now.days)) {
    const count = changed.get(day);
    if (count !== undefined) {
      fresh += count.fresh;
      total += count.total;
    } else total += record.days?.[day]?.conversations ?? 0;
  }
  const newShare = total ? fresh / total : 0;
  const measured = { newConversations: fresh, newShare: Number(newShare.toFixed(4)), windowMovedDays };
  return fresh > 0 && newShare >= threshold ? { refit: true, reason: 'new-conversations', ...measured } : { refit: false, ...measured };
}

/** What a reason means, for the run's output and record. */
export function describeFitDecision(d: FitDecision, thresholds: { newConversationsShare: number; windowMovedDays: number }): string {
  const share = d.newShare !== undefined ? `${(d.newShare * 100).toFixed(1)} % of the window new since the fit` : undefined;
  if (!d.refit) return `kept: ${share ?? 'nothing new'} (refit at ${(thresholds.newConversationsShare * 100).toFixed(0)} %), window moved ${d.windowMovedDays ?? 0} of ${thresholds.windowMovedDays} days`;
  switch (d.reason!) {
    case 'forced':
      return 'fitted: asked for (--refit)';
    case 'no-catalogue':
      return 'fitted: no catalogue yet';
    case 'unfinished':
      return 'fitted: the last discovery stopped before it committed';
    case 'no-record':
      return 'fitted: the catalogue in use does not record what it was fitted on';
    case 'discovery-version':
      return 'fitted: discovery changed since the last fit';
    case 'taxonomy':
      return 'fitted: the taxonomy changed';
    case 'curation':
      return 'fitted: the product team edited the themes';
    case 'window-length':
      return 'fitted: the window length changed';
    case 'window-moved':
      return `fitted: the window moved ${d.windowMovedDays} days since the last fit (at least ${thresholds.windowMovedDays})`;
    case 'new-conversations':
      return `fitted: ${share} (at least ${(thresholds.newConversationsShare * 100).toFixed(0)} %)`;
  }
}
