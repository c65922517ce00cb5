import { describe, expect, it } from 'vitest';
import { analyzeSentiment } from '../../../src/core/analysis/sentiment';
import { applySentimentModel, MIN_RATED_ROWS, modelSummary, ratingClass, trainSentimentModel, type RatedText } from '../../../src/core/analysis/rating-model';

/** A help desk whose customers say "zorp" when unhappy and "blimp" when happy: words no lexicon knows. */
function deskRatings(n: number): RatedText[] {
  const rows: RatedText[] = [];
  for (let i = 0; i < n; i++) {
    const happy = i % 2 === 0;
    rows.push({ text: `order ${i % 7} arrived, ${happy ? 'blimp' : 'zorp'} as usual`, lang: 'en', csat: happy ? 5 : 1 });
  }
  return rows;
}

describe('sentiment learned from ratings', () => {
  it('maps CSAT to the three classes', () => {
    expect([1, 2, 3, 4, 5].map(ratingClass)).toEqual(['negative', 'negative', 'neutral', 'positive', 'positive']);
  });

  it("learns a help desk's own words and combines them with the lexicon engine", () => {
    const model = trainSentimentModel(deskRatings(200), { now: new Date('2026-12-01T00:00:00Z') });
    const [en] = modelSummary(model);
    expect(en!.trainedOn).toBe(200);
    expect(en!.weight).toBeGreaterThan(0);
    expect(['mixture', 'product']).toContain(en!.rule);
    expect(en!.cv.combined).toBeGreaterThan(en!.cv.lexicon);
    const text = 'the parcel came today, zorp as usual';
    expect(analyzeSentiment(text, 'en').label).toBe('neutral');
    expect(applySentimentModel(model, text, 'en').label).toBe('negative');
    // The stored form round-trips: JSON in, the same reading out.
    const stored = JSON.parse(JSON.stringify(model));
    expect(applySentimentModel(stored, text, 'en')).toEqual(applySentimentModel(model, text, 'en'));
  });

  it('keeps the lexicon engine for languages with too few ratings, and without a model', () => {
    const model = trainSentimentModel(deskRatings(MIN_RATED_ROWS - 1));
    expect(modelSummary(model)[0]!.weight).toBe(0);
    const text = 'Great service, thank you!';
    expect(applySentimentModel(model, text, 'en')).toEqual(analyzeSentiment(text, 'en'));
    expect(applySentimentModel(undefined, text, 'en')).toEqual(analyzeSentiment(text, 'en'));
  });
});

describe('mixed and unscored', () => {
  it('flags praise and complaint in one message with both strengths', () => {
    const s = analyzeSentiment('The food was excellent but the delivery was terrible and late', 'en');
    expect(s.mixed?.positive).toBeGreaterThan(0);
    expect(s.mixed?.negative).toBeGreaterThan(0);
    expect(analyzeSentiment('The food was excellent', 'en').mixed).toBeUndefined();
  });

  it('reports a language without a lexicon as unscored, neutral for the contract', () => {
    expect(analyzeSentiment('配達がとても遅くて最悪でした。', 'ja')).toEqual({ label: 'neutral', score: 0, unscored: true });
    expect(analyzeSentiment('Thanks, great help!', 'en').unscored).toBeUndefined();
  });
});
