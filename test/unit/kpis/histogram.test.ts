import { describe, expect, it } from 'vitest';
import {
  addSample,
  bucketIndex,
  emptyHistogram,
  HistogramSchema,
  histogramOf,
  histogramMean,
  mergeHistograms,
  percentile,
  RELATIVE_ERROR,
} from '../../../src/core/kpis/histogram';

/** The lower nearest-rank quantile the histogram approximates: sorted[⌊q·(n−1)⌋]. */
const exactQuantile = (xs: number[], q: number) => [...xs].sort((a, b) => a - b)[Math.floor(q * (xs.length - 1))]!;

/** Deterministic pseudo-random durations (log-normal-ish, seconds to weeks) without Math.random. */
function durations(n: number, seed = 7): number[] {
  let s = seed;
  const next = () => ((s = (Math.imul(s, 1103515245) + 12345) >>> 0) / 2 ** 32);
  return Array.from({ length: n }, () => Math.exp(-3 + 13 * next()));
}

describe('histogram buckets', () => {
  it('puts x in bucket ⌈log_1.1 x⌉', () => {
    // log_1.1(1) = 0; 1.05 ∈ (1, 1.1] → 1; 1.1 → 1 (upper edge included); 1.21 = 1.1² → 2; 50: ln 50 / ln 1.1 = 3.912 / 0.09531 = 41.04 → 42.
    expect(bucketIndex(1)).toBe(0);
    expect(bucketIndex(1.05)).toBe(1);
    expect(bucketIndex(1.1)).toBe(1);
    expect(bucketIndex(1.21)).toBe(2);
    expect(bucketIndex(50)).toBe(42);
  });
});

describe('percentile', () => {
  it('reads the bucket representative, within the documented error', () => {
    // Samples 1..100: p50 is the sample of rank ⌊0.5·99⌋ = 49 → 50, which falls in bucket 42 = (1.1^41, 1.1^42] = (49.79, 54.76];
    // reported as 2·1.1^42 / 2.1 = 52.15, 4.3 % above 50 (bound: 4.76 %).
    const h = histogramOf(Array.from({ length: 100 }, (_, i) => i + 1));
    expect(percentile(h, 0.5)).toBeCloseTo((2 * 1.1 ** 42) / 2.1, 9);
    expect(Math.abs(percentile(h, 0.5)! - 50) / 50).toBeLessThanOrEqual(RELATIVE_ERROR);
    // p0 and p100 are the exact min and max (results are clamped to them).
    expect(percentile(h, 0)).toBe(1);
    expect(percentile(h, 1)).toBe(100);
    expect(histogramMean(h)).toBe(50.5);
  });

  it('is exact for a single sample', () => {
    expect(percentile(histogramOf([42]), 0.9)).toBe(42);
  });

  it('stays within ±4.76 % on 20 000 durations from seconds to weeks', () => {
    const xs = durations(20_000);
    const h = histogramOf(xs);
    for (const q of [0.01, 0.1, 0.25, 0.5, 0.75, 0.9, 0.99]) {
      const exact = exactQuantile(xs, q);
      expect(Math.abs(percentile(h, q)! - exact) / exact, `q=${q}`).toBeLessThanOrEqual(RELATIVE_ERROR + 1e-12);
    }
  });

  it('counts sub-second samples as 0 and negative ones (clock skew) as 0', () => {
    // [−2 → 0, 0, 0.005 (0.3 s) → zero bucket, 5]: rank ⌊0.5·3⌋ = 1 → 0.
    const h = histogramOf([-2, 0, 0.005, 5]);
    expect(h.zero).toBe(3);
    expect(percentile(h, 0.5)).toBe(0);
    expect(h.min).toBe(0);
  });

  it('is undefined for an empty histogram and rejects bad input', () => {
    expect(percentile(emptyHistogram(), 0.5)).toBeUndefined();
    expect(histogramMean(emptyHistogram())).toBeUndefined();
    expect(() => percentile(emptyHistogram(), 1.5)).toThrow(RangeError);
    expect(() => addSample(emptyHistogram(), Number.NaN)).toThrow(RangeError);
  });
});

describe('mergeHistograms', () => {
  it('gives exactly the histogram of all samples, whatever the split (per-day aggregates → any range)', () => {
    const xs = durations(3_000, 11);
    const days = [xs.slice(0, 1000), xs.slice(1000, 1700), xs.slice(1700)].map((d) => histogramOf(d));
    const merged = mergeHistograms(...days);
    const whole = histogramOf(xs);
    expect(merged.buckets).toEqual(whole.buckets);
    expect(merged.count).toBe(3000);
    expect(merged.min).toBe(whole.min);
    expect(merged.max).toBe(whole.max);
    for (const q of [0.5, 0.9]) expect(percentile(merged, q)).toBe(percentile(whole, q));
    // Order does not matter.
    expect(mergeHistograms(days[2]!, days[0]!, days[1]!).buckets).toEqual(merged.buckets);
  });

  it('leaves its inputs untouched and ignores empty ones', () => {
    const a = histogramOf([1, 2, 3]);
    const before = JSON.stringify(a);
    const m = mergeHistograms(a, emptyHistogram());
    expect(JSON.stringify(a)).toBe(before);
    expect(m).toEqual(a);
    expect(mergeHistograms()).toEqual(emptyHistogram());
  });
});

describe('storage', () => {
  it('round-trips through JSON and validates with the schema', () => {
    const h = histogramOf([0, 1.5, 30, 30, 4000]);
    const back = HistogramSchema.parse(JSON.parse(JSON.stringify(h)));
    expect(back).toEqual(h);
    expect(percentile(back, 0.5)).toBe(percentile(h, 0.5));
  });

  it('stays small: 100 000 samples from 1 second to a year fit in a few kB', () => {
    const h = emptyHistogram();
    // Spread over 1/60 min … 525 600 min (one year): at most ⌈log_1.1(525600·60)⌉ ≈ 181 buckets.
    for (let i = 0; i < 100_000; i++) addSample(h, (1 / 60) * (525_600 * 60) ** (i / 99_999));
    expect(Object.keys(h.buckets).length).toBeLessThanOrEqual(182);
    expect(JSON.stringify(h).length).toBeLessThan(5_000);
  });
});
