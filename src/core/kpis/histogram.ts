/**
 * Mergeable duration histograms with fixed log-scale buckets (the DDSketch idea with a fixed γ).
 *
 * Why: p50/p90 of first response time over "any date range" cannot be averaged from daily p50s. A
 * day's histogram is stored instead; the histograms of any range are merged (bucket counts add up)
 * and the percentile read from the sum. Fixed buckets make merging exact and order-independent.
 *
 * Buckets: a sample x ≥ MIN_MINUTES goes to bucket i = ⌈log_γ x⌉, covering (γ^(i−1), γ^i], with
 * γ = 1.1; samples below MIN_MINUTES (one second) go to a zero bucket. A bucket is reported as
 * 2γ^i/(γ+1), which is within α = (γ−1)/(γ+1) ≈ 4.76 % of every value in it.
 *
 * Error bound: `percentile(h, q)` returns the lower nearest-rank quantile (the sample of rank
 * ⌊q·(n−1)⌋, 0-based, in sorted order) within ±4.76 % relative error, or with an absolute error below
 * one second for sub-second samples; results are also clamped to the exact min and max.
 *
 * Size: one year is log_1.1(525 600 × 60) ≈ 181 buckets; stored sparsely as {index: count}, a
 * histogram is at most a few kB of JSON: far below DynamoDB's 400 KB item limit.
 */
import * as z from 'zod';

export const HISTOGRAM_GAMMA = 1.1;
/** Samples under one second are counted as zero. */
export const MIN_MINUTES = 1 / 60;
/** Relative error bound of percentile(): (γ − 1) / (γ + 1). */
export const RELATIVE_ERROR = (HISTOGRAM_GAMMA - 1) / (HISTOGRAM_GAMMA + 1);
const LOG_GAMMA = Math.log(HISTOGRAM_GAMMA);

export const HistogramSchema = z.object({
  v: z.literal(1),
  count: z.number().int().nonnegative(),
  sum: z.number().nonnegative(),
  min: z.number().nonnegative().optional(),
  max: z.number().nonnegative().optional(),
  zero: z.number().int().nonnegative(),
  /** Bucket index (as a string: JSON object keys) → count. */
  buckets: z.record(z.string().regex(/^-?\d+$/), z.number().int().positive()),
});
export type Histogram = z.infer<typeof HistogramSchema>;

export function emptyHistogram(): Histogram {
  return { v: 1, count: 0, sum: 0, zero: 0, buckets: {} };
}

/** ⌈log_γ x⌉, with a hair of tolerance so exact powers of γ land in their own bucket despite rounding (and no −0). */
export const bucketIndex = (minutes: number): number => Math.ceil(Math.log(minutes) / LOG_GAMMA - 1e-9) || 0;
const bucketValue = (index: number): number => (2 * HISTOGRAM_GAMMA ** index) / (HISTOGRAM_GAMMA + 1);

/**
 * Adds a duration in minutes, **in place** (feeding thousands of samples should not copy), and
 * returns the histogram. Negative durations (clock skew between systems) count as 0.
 */
export function addSample(h: Histogram, minutes: number, times = 1): Histogram {
  if (!Number.isFinite(minutes)) throw new RangeError(`not a duration: ${minutes}`);
  if (!Number.isInteger(times) || times < 1) throw new RangeError(`times must be a positive integer: ${times}`);
  const x = Math.max(0, minutes);
  h.count += times;
  h.sum += x * times;
  h.min = h.min === undefined ? x : Math.min(h.min, x);
  h.max = h.max === undefined ? x : Math.max(h.max, x);
  if (x < MIN_MINUTES) h.zero += times;
  else {
    const key = String(bucketIndex(x));
    h.buckets[key] = (h.buckets[key] ?? 0) + times;
  }
  return h;
}

export function histogramOf(samples: Iterable<number>): Histogram {
  const h = emptyHistogram();
  for (const x of samples) addSample(h, x);
  return h;
}

/** A new histogram holding the samples of all inputs (inputs untouched). */
export function mergeHistograms(...histograms: Histogram[]): Histogram {
  const out = emptyHistogram();
  for (const h of histograms) {
    if (!h.count) continue;
    out.count += h.count;
    out.sum += h.sum;
    out.zero += h.zero;
    out.min = out.min === undefined ? h.min : Math.min(out.min, h.min ?? out.min);
    out.max = out.max === undefined ? h.max : Math.max(out.max, h.max ?? out.max);
    for (const [key, n] of Object.entries(h.buckets)) out.buckets[key] = (out.buckets[key] ?? 0) + n;
  }
  return out;
}

/** The q-quantile (0 ≤ q ≤ 1) within the bound documented above; undefined for an empty histogram. */
export function percentile(h: Histogram, q: number): number | undefined {
  if (!(q >= 0 && q <= 1)) throw new RangeError(`quantile must be in [0, 1]: ${q}`);
  if (!h.count) return undefined;
  const rank = Math.floor(q * (h.count - 1));
  const clamp = (x: number) => Math.min(h.max ?? x, Math.max(h.min ?? x, x));
  if (rank < h.zero) return clamp(0);
  let seen = h.zero;
  const indexes = Object.keys(h.buckets)
    .map(Number)
    .sort((a, b) => a - b);
  for (const i of indexes) {
    seen += h.buckets[String(i)]!;
    if (rank < seen) return clamp(bucketValue(i));
  }
  return h.max;
}

export const histogramMean = (h: Histogram): number | undefined => (h.count ? h.sum / h.count : undefined);
