import { describe, expect, it } from 'vitest';
import * as kpis from '../../../src/core/kpis/index';

describe('kpis public API', () => {
  it('re-exports every module', () => {
    for (const name of [
      'businessMinutesBetween', 'BusinessCalendarSchema', 'computeKpis', 'KpiConfigSchema', 'DEFINITIONS', 'emptyHistogram', 'addSample', 'mergeHistograms',
      'percentile', 'qaSample', 'isoWeek', 'detectTemplates', 'templatedShareByAgent', 'templatesFollowedBySentimentDrop', 'detectGoodwill', 'findMoney',
      'detectWowMoments', 'scoreAgentTone', 'agentToneByTeam', 'emptyKpiAggregate', 'addKpis', 'mergeKpiAggregates', 'summariseKpis', 'QUALITY_SIGNALS',
    ]) {
      expect(kpis, name).toHaveProperty(name);
    }
  });
});
