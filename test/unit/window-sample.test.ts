import { describe, expect, it } from 'vitest';
import { WindowSample } from '../../src/core/window-sample';

const docs = (n: number, lang: string) => Array.from({ length: n }, (_, i) => ({ id: `${lang}-${i}`, lang }));

describe('WindowSample (discovery holds a bounded sample of a busy window)', () => {
  it('keeps every conversation, in reading order, while each language is under the bound', () => {
    const sample = new WindowSample<{ id: string; lang: string }>(100);
    const all = [...docs(100, 'en'), ...docs(40, 'es')].sort((a, b) => (a.id.length - b.id.length) || a.id.localeCompare(b.id));
    for (const d of all) sample.add(d, d.id, d.lang);
    expect(sample.items()).toEqual(all);
    expect(sample.counts).toEqual({ seen: 140, kept: 140 });
  });

  it('keeps at most the bound per language, the same ones whatever the reading order, in reading order', () => {
    const all = [...docs(1000, 'en'), ...docs(30, 'fr')];
    const forward = new WindowSample<{ id: string; lang: string }>(100);
    for (const d of all) forward.add(d, d.id, d.lang);
    const backward = new WindowSample<{ id: string; lang: string }>(100);
    for (const d of [...all].reverse()) backward.add(d, d.id, d.lang);
    const kept = forward.items();
    expect(kept.filter((d) => d.lang === 'en')).toHaveLength(100);
    expect(kept.filter((d) => d.lang === 'fr')).toHaveLength(30);
    expect(new Set(kept.map((d) => d.id))).toEqual(new Set(backward.items().map((d) => d.id)));
    expect(kept.map((d) => all.indexOf(d))).toEqual([...kept.map((d) => all.indexOf(d))].sort((a, b) => a - b));
    expect(forward.counts).toEqual({ seen: 1030, kept: 130 });
    // A spread over the whole language, not its first or last conversations.
    const positions = kept.filter((d) => d.lang === 'en').map((d) => Number(d.id.slice(3)));
    expect(Math.min(...positions)).toBeLessThan(100);
    expect(Math.max(...positions)).toBeGreaterThan(900);
  });
});
