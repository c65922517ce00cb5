import { describe, expect, it } from 'vitest';
import { satisfactionRatings } from '../../../src/core/connectors/satisfaction-ratings';
import { fixture, get, ingest } from './helpers';

describe('satisfaction ratings exported apart from tickets', () => {
  it('reads Freshdesk satisfaction ratings onto the 1-5 scale, comments redacted, an undefined answer quarantined', async () => {
    const { ratings, errors } = await ingest(satisfactionRatings, fixture('freshdesk/satisfaction-ratings.json'));
    expect(get(ratings, '9001')).toMatchObject({ conversationId: 'freshdesk:201', source: 'freshdesk', csat: 5, ratedAt: '2026-09-15T09:00:00.000Z' });
    expect(get(ratings, '9001').comment).not.toContain('jo.bloggs@example.co.uk');
    expect(get(ratings, '9001').comment).toContain('Fixed fast.');
    // -102 ("very unhappy") is the second-worst of Freshdesk's seven answers.
    expect(get(ratings, '9002').csat).toBeCloseTo(1 + 4 / 6, 5);
    expect(get(ratings, '9002').comment).toBeUndefined();
    expect(errors).toEqual([expect.objectContaining({ sourceId: '9003', error: expect.stringContaining('default_question 7') })]);
  });

  it('reads Help Scout ratings (great 5, not good 1) and says why an "unknown" one has no score', async () => {
    const { ratings, errors } = await ingest(satisfactionRatings, fixture('helpscout/ratings.json'));
    expect(get(ratings, '7001')).toMatchObject({ conversationId: 'helpscout:81001', csat: 5, comment: 'Well done!' });
    expect(get(ratings, '7002')).toMatchObject({ conversationId: 'helpscout:81002', csat: 1 });
    expect(errors).toEqual([expect.objectContaining({ sourceId: '7003', error: expect.stringContaining('no score given ("unknown")') })]);
  });

  it('reads the Zendesk satisfaction_ratings list; a survey offered but not answered is no score', async () => {
    const { ratings, errors } = await ingest(satisfactionRatings, fixture('zendesk/satisfaction-ratings.json'));
    expect([...ratings.values()]).toEqual([expect.objectContaining({ conversationId: 'zendesk:4101', csat: 5, sourceId: '62001' })]);
    expect(errors).toEqual([expect.objectContaining({ sourceId: '62002', error: expect.stringContaining('"offered"') })]);
  });

  it('reads a HAL page of Help Scout ratings (_embedded.ratings)', async () => {
    const page = JSON.stringify({ _embedded: { ratings: [{ id: 8, conversationId: 81001, rating: 'okay', createdAt: '2026-08-22T10:00:00Z' }] }, page: { number: 1, totalPages: 1 } });
    const { ratings, errors } = await ingest(satisfactionRatings, page, 'ratings.json');
    expect(get(ratings, '8')).toMatchObject({ conversationId: 'helpscout:81001', csat: 3 });
    expect(errors).toEqual([]);
  });

  it('reads JSON Lines of single ratings and names a rating without a conversation', async () => {
    const lines = [
      JSON.stringify({ id: 1, conversationId: 5, rating: 'okay', createdAt: '2026-01-02T03:04:05Z' }),
      JSON.stringify({ id: 2, rating: 'great', createdAt: '2026-01-02T03:04:05Z' }),
    ].join('\n');
    const { ratings, errors } = await ingest(satisfactionRatings, lines, 'ratings.jsonl');
    expect(get(ratings, '1')).toMatchObject({ conversationId: 'helpscout:5', csat: 3 });
    expect(errors).toEqual([expect.objectContaining({ error: 'rating 2: no conversationId or ticketId' })]);
  });
});
