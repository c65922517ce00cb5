/** Analyse one day partition (one Distributed Map item). */
import * as z from 'zod';
import { analyzeDay } from '../src/stages/analyze';
import { day, environmentOnce, logger } from './runtime';

const AnalyzeEvent = z.object({ runId: z.string().min(1), date: z.string().regex(day) });

export const handler = async (event: unknown) => {
  const e = AnalyzeEvent.parse(event);
  const result = await analyzeDay(environmentOnce(), e);
  logger.info('analysed', { ...result });
  return result;
};
