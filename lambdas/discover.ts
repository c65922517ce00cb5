/** Discover themes over the recent window and list the day partitions to analyse. */
import * as z from 'zod';
import { discover } from '../src/stages/discover';
import { learnSentimentStage, runRecordOf } from '../src/stages/sentiment-model';
import { day, environmentOnce, logger } from './runtime';

const DiscoverEvent = z.object({
  runId: z.string().min(1),
  asOf: z.string().regex(day).optional(),
  windowDays: z.number().int().positive().max(366).optional(),
  /** fit the themes again whatever the window (otherwise discovery decides: src/core/theme-refit.ts) */
  refit: z.boolean().optional(),
});

export const handler = async (event: unknown) => {
  const e = DiscoverEvent.parse(event);
  const asOf = e.asOf ?? new Date().toISOString().slice(0, 10);
  // The sentiment model learned from ratings is refitted first: discovery decides which days are stale against it.
  const learned = await learnSentimentStage(environmentOnce(), { runId: e.runId, asOf });
  logger.info('sentiment model', runRecordOf(learned));
  const result = await discover(environmentOnce(), { runId: e.runId, asOf, windowDays: e.windowDays, refit: e.refit });
  logger.info('discovered', { themes: result.themes, partitions: result.partitions.length, window: result.window, fit: result.fit });
  // The partition list itself lives in S3 (partitionsKey): Step Functions payloads are capped at 256 KB.
  const { partitions, aggregateOnly, ...rest } = result;
  return { ...rest, partitionCount: partitions.length, aggregateOnlyCount: aggregateOnly.length };
};
