/** Replace one day's aggregates in DynamoDB from its analysis (idempotent). */
import * as z from 'zod';
import { aggregateDayStage } from '../src/stages/aggregate';
import { day, environmentOnce, logger } from './runtime';

const AggregateEvent = z.object({ runId: z.string().min(1), date: z.string().regex(day) });

export const handler = async (event: unknown) => {
  const e = AggregateEvent.parse(event);
  const result = await aggregateDayStage(environmentOnce(), e);
  logger.info('aggregated', { ...result });
  return result;
};
