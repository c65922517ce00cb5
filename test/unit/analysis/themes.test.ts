import { describe, expect, it } from 'vitest';
import { assignTheme, discoverThemes, OTHER_THEME, type ThemeDoc } from '../../../src/core/analysis/index';
import { mergeClose } from '../../../src/core/analysis/cluster';
import { embed, fitLsa } from '../../../src/core/analysis/lsa';
import { embedWords, fitWordVectors } from '../../../src/core/analysis/word-vectors';
import { poorLabelPhrase } from '../../../src/core/analysis/keyphrases';
import { asLabel, asWritten, distinctPhrases, phrasesOf, rankPhrases } from '../../../src/core/analysis/labels';

function corpus(): ThemeDoc[] {
  const groups: Record<string, string[]> = {
    card: ['my card has not arrived yet', 'when will my new card arrive', 'card still not arrived after two weeks', 'new card delivery tracking', 'has my card been sent', 'card not arrived, where is it', 'tracking for my card delivery', 'still waiting for my card to arrive'],
    refund: ['I want a refund for my order', 'refund not received yet', 'how long does a refund take', 'please refund my money', 'still waiting on my refund', 'refund request for order', 'where is my refund', 'refund for cancelled order'],
    password: ['I forgot my password', 'reset password link not working', 'cannot reset my password', 'password reset email never came', 'how do I change my password', 'forgot password help', 'password reset not working', 'need to reset my password'],
  };
  const docs: ThemeDoc[] = [];
  for (const [g, texts] of Object.entries(groups)) texts.forEach((text, i) => docs.push({ id: `${g}-${i}`, messages: [text], lang: 'en' }));
  docs.push({ id: 'es-1', messages: ['todavía no ha llegado mi tarjeta'], lang: 'es' });
  docs.push({ id: 'es-2', messages: ['mi tarjeta no ha llegado'], lang: 'es' });
  docs.push({ id: 'es-3', messages: ['la tarjeta no llegó todavía'], lang: 'es' });
  return docs;
}

describe('discoverThemes', () => {
  const docs = corpus();
  const { catalogue, assignments } = discoverThemes(docs, { generatedAt: '2026-01-01T00:00:00.000Z' });

  it('assigns every doc and groups by content', () => {
    expect(assignments.size).toBe(docs.length);
    const cardIds = new Set(docs.filter((d) => d.id.startsWith('card')).map((d) => assignments.get(d.id)));
    const pwIds = new Set(docs.filter((d) => d.id.startsWith('password')).map((d) => assignments.get(d.id)));
    const majority = (ids: Set<string | undefined>, prefix: string): string => {
      const counts = new Map<string, number>();
      for (const d of docs.filter((x) => x.id.startsWith(prefix))) counts.set(assignments.get(d.id)!, (counts.get(assignments.get(d.id)!) ?? 0) + 1);
      return [...counts].sort((a, b) => b[1] - a[1])[0]![0];
    };
    expect(cardIds.size).toBeGreaterThan(0);
    expect(majority(cardIds, 'card')).not.toBe(majority(pwIds, 'password'));
  });

  it('produces labelled, content-id themes with examples', () => {
    expect(catalogue.version).toBe(1);
    expect(catalogue.generatedAt).toBe('2026-01-01T00:00:00.000Z');
    expect(catalogue.themes.length).toBeGreaterThan(1);
    for (const t of catalogue.themes) {
      expect(t.id).toMatch(/^t-[0-9a-f]{8}/);
      expect(t.label.length).toBeGreaterThan(0);
      expect(t.keyphrases.length).toBeGreaterThan(0);
      expect(t.exampleDocIds.length).toBeGreaterThan(0);
      expect(t.exampleDocIds.length).toBeLessThanOrEqual(5);
      expect(t.size).toBe([...assignments.values()].filter((v) => v === t.id).length);
    }
    const pw = catalogue.themes.find((t) => t.keyphrases.some((k) => k.includes('password')));
    expect(pw).toBeDefined();
  });

  it('clusters within each language that has enough conversations', () => {
    const spanish = Array.from({ length: 24 }, (_, i) => ({ id: `es-x${i}`, messages: [['todavía no ha llegado mi tarjeta', 'mi tarjeta no ha llegado', 'quiero cambiar mi contraseña'][i % 3]!], lang: 'es' }));
    const both = discoverThemes([...docs, ...spanish], { generatedAt: 'x' });
    const esThemes = new Set(spanish.map((d) => both.assignments.get(d.id)));
    const enThemes = new Set(docs.filter((d) => d.lang === 'en').map((d) => both.assignments.get(d.id)));
    expect([...esThemes].some((id) => id !== OTHER_THEME.id)).toBe(true);
    for (const id of esThemes) expect(enThemes.has(id)).toBe(false);
    expect(both.catalogue.themes.some((t) => t.lang === 'es')).toBe(true);
  });

  it('round-trips through JSON and assignTheme agrees with discovery', () => {
    const copy = JSON.parse(JSON.stringify(catalogue));
    expect(copy).toEqual(catalogue);
    for (const d of docs) expect(assignTheme(d, copy).id).toBe(assignments.get(d.id));
    const t = assignTheme({ id: 'n', messages: ['my password reset is not working'], lang: 'en' }, copy);
    expect(t.label).toContain('password');
  });

  it('gives OTHER for unrelated or unknown-language docs', () => {
    expect(assignTheme({ id: 'x', messages: ['zzzz qqqq'], lang: 'en' }, catalogue)).toEqual(OTHER_THEME);
    expect(assignTheme({ id: 'y', messages: ['Спасибо'], lang: 'ru' }, catalogue)).toEqual(OTHER_THEME);
  });

  it('is deterministic and keeps previous ids', () => {
    const again = discoverThemes(docs, { generatedAt: 'x' });
    expect(again.catalogue.themes.map((t) => t.id)).toEqual(catalogue.themes.map((t) => t.id));
    // A changed corpus: themes whose keyphrases still overlap keep their previous id.
    const more = [...docs, { id: 'card-x', messages: ['card not arrived and no tracking'], lang: 'en' }, { id: 'pw-x', messages: ['password reset broken'], lang: 'en' }];
    const next = discoverThemes(more, { previous: JSON.parse(JSON.stringify(catalogue)), generatedAt: 'y' });
    const prevIds = new Set(catalogue.themes.map((t) => t.id));
    const kept = next.catalogue.themes.filter((t) => prevIds.has(t.id));
    expect(kept.length).toBeGreaterThanOrEqual(Math.min(2, catalogue.themes.length));
    const pwTheme = next.catalogue.themes.find((t) => t.id === next.assignments.get('pw-x'));
    expect(pwTheme?.keyphrases.join(' ')).toContain('password');
  });

  it('reuses previous ids for themes that match by keyphrases', () => {
    const previous = JSON.parse(JSON.stringify(catalogue));
    previous.themes.forEach((t: { id: string }, i: number) => (t.id = `legacy-${i}`));
    const next = discoverThemes(docs, { previous, generatedAt: 'z' });
    // Seeded with the previous themes, clustering may merge two of them; none comes back under a new id.
    for (const t of next.catalogue.themes) expect(t.id).toMatch(/^legacy-\d$/);
    const copy = JSON.parse(JSON.stringify(next.catalogue));
    for (const d of docs) expect(assignTheme(d, copy).id).toBe(next.assignments.get(d.id));
  });

  it('keeps documents on their previous themes when re-run with previous', () => {
    const fewer = docs.filter((_, i) => i % 7 !== 3);
    const next = discoverThemes(fewer, { previous: JSON.parse(JSON.stringify(catalogue)), generatedAt: 'w' });
    const same = fewer.filter((d) => next.assignments.get(d.id) === assignments.get(d.id)).length;
    expect(same / fewer.length).toBeGreaterThanOrEqual(0.8);
  });

  it('handles empty input', () => {
    const r = discoverThemes([]);
    expect(r.catalogue.themes).toEqual([]);
    expect(r.assignments.size).toBe(0);
  });
});

describe('theme labels', () => {
  const counts = { total: 1000, df: new Map<string, number>() };
  const members = (texts: string[]) => texts.map((text, i) => ({ text, customer: `c${i}` }));

  it('reads phrases as the customer wrote them, never across punctuation or a long gap', () => {
    const surfaces = (text: string, lang = 'en') => new Map(phrasesOf(text, lang).map((p) => [p.key, p.surface]));
    const en = surfaces('Please track my order now, the parcel is in a very remote depot');
    expect(en.get('track order')).toBe('track my order');
    expect(en.has('order parcel')).toBe(false);
    expect(en.has('parcel remot')).toBe(false); // four words between: not one phrase
    expect(surfaces('What is the delivery period for my ticket?').get('deliveri period ticket')).toBe('delivery period for my ticket');
    expect([...surfaces('我想查询一下我的订单状态', 'zh').values()]).toContain('查询一下我的订单');
  });

  it('names a theme by the phrase its members share, in their spelling, never with generic verbs or profanity', () => {
    const said = members(['the ATM kept my card', 'ATM swallowed my card', 'atm kept my card overnight', 'fucking ATM took my card']);
    const ranked = rankPhrases(said, 'en', counts);
    expect(distinctPhrases(ranked, 5).map((p) => asWritten(p.surface, said))).toContain('ATM');
    expect(ranked.some((p) => /fuck/i.test(p.surface))).toBe(false);
    expect(poorLabelPhrase('says')).toBe(true);
    expect(poorLabelPhrase('card stolen')).toBe(false);
    expect(asLabel('track my package')).toBe('Track my package');
  });

  it('shows only phrases at least three customers wrote (a password one customer typed never becomes a label)', () => {
    const texts = ['my password is Hunter2Secret and login fails', 'login fails every time', 'login fails again today', 'the login fails on mobile'];
    const one = rankPhrases(texts.map((text) => ({ text, customer: 'same-customer' })), 'en', counts);
    expect(one).toEqual([]);
    const many = rankPhrases(members(texts), 'en', counts);
    expect(many.map((p) => p.surface)).toContain('login fails');
    expect(many.some((p) => /hunter/i.test(p.surface))).toBe(false);
  });
});

describe('mergeClose', () => {
  const v = (pairs: Array<[number, number]>) => {
    const n = Math.sqrt(pairs.reduce((s, [, x]) => s + x * x, 0));
    return { idx: Int32Array.from(pairs.map(([t]) => t)), val: Float32Array.from(pairs.map(([, x]) => x / n)) };
  };
  it('merges clusters whose centroids are nearly the same theme and keeps distinct ones apart', () => {
    const vecs = [v([[0, 1], [1, 0.2]]), v([[0, 1], [1, 0.3]]), v([[0, 1], [2, 0.2]]), v([[5, 1]]), v([[5, 1], [6, 0.1]])];
    const groups = mergeClose(vecs, [[0, 1], [2], [3, 4]], 0.6);
    expect(groups).toEqual([[0, 1, 2], [3, 4]]);
  });
});

describe('fitWordVectors', () => {
  // Two words that never share a document but occur with the same neighbours ("arrived"/"delivered" with
  // "card"/"parcel") must come out closer than words from an unrelated topic ("password"/"reset").
  const vocab = ['card', 'parcel', 'arrived', 'delivered', 'password', 'reset', 'link', 'email'];
  const id = (w: string) => vocab.indexOf(w);
  const doc = (...words: string[]) => ({ idx: Int32Array.from(words.map(id)), val: new Float32Array(words.length).fill(1) });
  const docs = [];
  for (let i = 0; i < 20; i++) {
    docs.push(doc('card', 'arrived'), doc('parcel', 'arrived'), doc('card', 'delivered'), doc('parcel', 'delivered'));
    docs.push(doc('password', 'reset', 'link'), doc('password', 'email'), doc('reset', 'email', 'link'));
  }
  for (let i = 0; i < 10; i++) docs.push(doc('card'));
  const wv = fitWordVectors(docs, vocab.length, 4, 1);
  const cos = (a: string, b: string) => {
    const x = wv.W.subarray(id(a) * wv.dim, (id(a) + 1) * wv.dim);
    const y = wv.W.subarray(id(b) * wv.dim, (id(b) + 1) * wv.dim);
    let d = 0, nx = 0, ny = 0;
    for (let c = 0; c < wv.dim; c++) { d += x[c]! * y[c]!; nx += x[c]! ** 2; ny += y[c]! ** 2; }
    return d / Math.sqrt(nx * ny || 1);
  };

  it('gives words used in the same contexts similar vectors', () => {
    expect(cos('arrived', 'delivered')).toBeGreaterThan(0.8);
    expect(cos('arrived', 'delivered')).toBeGreaterThan(cos('arrived', 'password') + 0.5);
  });

  it('embeds documents as unit vectors that group by topic, rarer words weighing more', () => {
    const a = embedWords(doc('card', 'arrived'), wv);
    const b = embedWords(doc('parcel', 'delivered'), wv);
    const c = embedWords(doc('password', 'reset'), wv);
    const dot = (x: Float64Array, y: Float64Array) => x.reduce((s, v, i) => s + v * y[i]!, 0);
    expect(dot(a, a)).toBeCloseTo(1, 5);
    expect(dot(a, b)).toBeGreaterThan(dot(a, c) + 0.5);
    expect(wv.weight[id('link')]!).toBeGreaterThan(wv.weight[id('card')]!);
    expect(embedWords({ idx: new Int32Array(0), val: new Float32Array(0) }, wv).every((x) => x === 0)).toBe(true);
  });
});

describe('fitLsa', () => {
  it('recovers the two topics of a small term matrix', () => {
    const row = (pairs: Array<[number, number]>) => ({ idx: Int32Array.from(pairs.map(([t]) => t)), val: Float32Array.from(pairs.map(([, x]) => x)) });
    const rows = Array.from({ length: 30 }, (_, i) => (i % 2 ? row([[0, 1], [1, 1]]) : row([[2, 1], [3, 1], [4, 0.5]])));
    const lsa = fitLsa(rows, 5, 2, { seed: 3 });
    const e = rows.map((r) => embed(r, lsa.P, lsa.dim));
    const dot = (x: Float64Array, y: Float64Array) => x.reduce((s, v, i) => s + v * y[i]!, 0);
    expect(dot(e[0]!, e[2]!)).toBeCloseTo(1, 5);
    expect(Math.abs(dot(e[0]!, e[1]!))).toBeLessThan(1e-6);
    expect(lsa.sigma[0]!).toBeGreaterThanOrEqual(lsa.sigma[1]!);
  });
});

describe('discoverThemes on a larger window (two clustering passes with word vectors)', () => {
  // 4 topics x 60 docs: topic words plus shared filler, phrased with different synonyms so that word vectors matter.
  const topics: Record<string, string[][]> = {
    card: [['card'], ['arrived', 'delivered', 'came', 'shipped'], ['post', 'mail', 'courier']],
    refund: [['refund', 'money back'], ['order', 'purchase', 'item'], ['returned', 'sent back']],
    password: [['password', 'login'], ['reset', 'change', 'recover'], ['link', 'email', 'code']],
    transfer: [['transfer', 'payment'], ['pending', 'stuck', 'delayed'], ['bank', 'account', 'recipient']],
  };
  const filler = ['today', 'again', 'this morning', 'last week', 'urgently', 'since monday'];
  const docs: ThemeDoc[] = [];
  for (const [topic, slots] of Object.entries(topics)) {
    for (let i = 0; i < 60; i++) {
      const words = slots.map((s, j) => s[(i * (j + 3) + j) % s.length]!);
      docs.push({ id: `${topic}-${i}`, messages: [`my ${words.join(' ')} ${filler[i % filler.length]}`], lang: 'en' });
    }
  }
  const { catalogue, assignments } = discoverThemes(docs, { generatedAt: 'x' });

  it('keeps the topics apart and is deterministic', () => {
    const topicOf = (id: string) => id.split('-')[0]!;
    const byTheme = new Map<string, Map<string, number>>();
    for (const d of docs) {
      const m = byTheme.get(assignments.get(d.id)!) ?? new Map<string, number>();
      m.set(topicOf(d.id), (m.get(topicOf(d.id)) ?? 0) + 1);
      byTheme.set(assignments.get(d.id)!, m);
    }
    // Purity: each theme is (almost) one topic.
    let majority = 0;
    for (const m of byTheme.values()) majority += Math.max(...m.values());
    expect(majority / docs.length).toBeGreaterThanOrEqual(0.95);
    expect(discoverThemes(docs, { generatedAt: 'x' }).catalogue).toEqual(catalogue);
    const copy = JSON.parse(JSON.stringify(catalogue));
    for (const d of docs.slice(0, 40)) expect(assignTheme(d, copy).id).toBe(assignments.get(d.id));
  });
});
