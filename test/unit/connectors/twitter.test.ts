import { describe, expect, it } from 'vitest';
import { connectorRegistry, detectConnector } from '../../../src/core/connectors';
import { twitter, twitterTime } from '../../../src/core/connectors/twitter';
import { firstLine, fixture, get, ingest, pseudonymise } from './helpers';

describe('twitter (TWCS) connector', () => {
  it('rebuilds threads from reply links whatever the row order, with customer and brand roles', async () => {
    const { conversations, errors } = await ingest(twitter, fixture('twitter/twcs-sample.csv'), 'twcs-sample.csv');
    const t = get(conversations, '1001');
    expect(t).toMatchObject({
      id: 'twitter:1001',
      source: 'twitter',
      channel: 'social',
      createdAt: '2017-10-02T10:00:00.000Z',
      updatedAt: '2017-10-02T10:20:00.000Z',
      assignee: 'AcmeHelp',
      team: 'AcmeHelp',
      customer: { id: pseudonymise('twitter:c_501') },
    });
    // 1003 has two responses ("1004,1005"): both belong to the thread; entities decoded.
    expect(t.messages.map((m) => [m.id, m.role, m.createdAt, m.text])).toEqual([
      ['1001', 'customer', '2017-10-02T10:00:00.000Z', '@AcmeHelp my phone keeps restarting since the update'],
      ['1002', 'agent', '2017-10-02T10:05:00.000Z', '@c_501 Sorry to hear that! Which model & OS version?'],
      ['1003', 'customer', '2017-10-02T10:15:00.000Z', '@AcmeHelp X2 on version 11.1'],
      ['1005', 'customer', '2017-10-02T10:16:00.000Z', '@c_501 @AcmeHelp same here with the X3!'],
      ['1004', 'agent', '2017-10-02T10:20:00.000Z', "@c_501 Thanks. Please DM us your serial number and we'll sort it out."],
    ]);
    // Each customer keeps their own pseudonym; the thread's customer is the one who opened it.
    expect(t.messages.filter((m) => m.role === 'customer').map((m) => m.authorId)).toEqual([pseudonymise('twitter:c_501'), pseudonymise('twitter:c_501'), pseudonymise('twitter:c_502')]);
    expect(get(conversations, '2001')).toMatchObject({ assignee: 'ShipCo', messages: [{ role: 'customer' }, { role: 'agent', authorId: 'ShipCo' }] });
    // A reply whose tweet is not in the file starts its own thread.
    expect(get(conversations, '3002').messages).toMatchObject([{ role: 'agent', text: '@c_700 Glad we could help!' }]);
    expect([...conversations.keys()].sort()).toEqual(['1001', '2001', '3002']);
    expect(errors).toEqual([{ position: 'thread of tweet 4001 (1 tweet, line 10)', sourceId: '4001', error: 'thread 4001: no created_at' }]);
  });

  it('links children named only in response_tweet_id, survives reply cycles and reports a bad header', async () => {
    const csv = 'tweet_id,author_id,inbound,created_at,text,response_tweet_id,in_response_to_tweet_id\n'
      + '1,u1,True,Tue Oct 31 22:00:00 +0000 2017,help,2,\n'
      + '2,Brand,False,Tue Oct 31 22:05:00 +0000 2017,on it,,\n'
      + '7,u2,True,Tue Oct 31 23:00:00 +0000 2017,a,,8\n'
      + '8,Brand,False,Tue Oct 31 23:01:00 +0000 2017,b,,7\n';
    const { conversations } = await ingest(twitter, csv, 't.csv');
    expect(get(conversations, '1').messages.map((m) => m.id)).toEqual(['1', '2']);
    const cycle = [...conversations.values()].find((c) => c.messages.some((m) => m.id === '7'))!;
    expect(cycle.messages.map((m) => m.id)).toEqual(['7', '8']);
    const broken = await ingest(twitter, 'tweet_id,author_id,inbound,created_at,text,in_response_to_tweet_id\n1,u1,True,Tue Oct 31 22:00:00 +0000 2017,ok,\n2,u2,True,Tue Oct 31 22:00:00 +0000 2017,bad "quote",\n3,u3,True,Tue Oct 31 23:00:00 +0000 2017,fine,\n', 't.csv');
    // A quote inside an unquoted field is text, not an error.
    expect([...broken.conversations.keys()]).toEqual(['1', '2', '3']);
    expect(get(broken.conversations, '2').messages[0]!.text).toBe('bad "quote"');
    // A quote that opens a field and never closes costs only its row: the rows after it are read.
    const unterminated = 'tweet_id,author_id,inbound,created_at,text,in_response_to_tweet_id\n1,u1,True,Tue Oct 31 22:00:00 +0000 2017,ok,\n2,u2,True,Tue Oct 31 22:00:00 +0000 2017,"never closed,\n'
      + Array.from({ length: 1100 }, (_, i) => `${i + 3},u3,True,Tue Oct 31 23:00:00 +0000 2017,fine,\n`).join('');
    const resumed = await ingest(twitter, unterminated, 't.csv');
    expect(resumed.conversations.size).toBe(1101);
    expect(resumed.errors).toEqual([{ position: 'line 3', error: expect.stringContaining('unreadable CSV row: unterminated quoted field') }]);
    const bad = await ingest(twitter, 'tweet_id,text\n1,x\n', 't.csv');
    expect(bad.errors).toEqual([{ position: 'header', error: expect.stringContaining('lacks column(s) author_id, inbound, created_at') }]);
  });

  it('parses TWCS timestamps', () => {
    expect(twitterTime('Tue Oct 31 22:10:46 +0000 2017')).toBe('2017-10-31T22:10:46+00:00');
    expect(twitterTime('Wed Nov 01 01:02:03 -0500 2017')).toBe('2017-11-01T01:02:03-05:00');
  });

  it('is detected from the TWCS header (with or without the pandas index) before generic CSV', () => {
    const registry = connectorRegistry();
    expect(detectConnector(registry, 'twcs.csv', firstLine(fixture('twitter/twcs-sample.csv')))?.name).toBe('twitter');
    expect(detectConnector(registry, 'twcs.csv.gz', 'tweet_id,author_id,inbound,created_at,text,response_tweet_id,in_response_to_tweet_id')?.name).toBe('twitter');
    expect(detectConnector(registry, 'tweets.json', 'tweet_id,author_id,inbound,created_at,text,response_tweet_id')).toBeUndefined();
  });
});
