/** Public API of the support-KPI core: time, SLA, percentiles, QA sampling and quality signals. Pure TypeScript, no I/O. */
export { BusinessCalendarSchema, businessMinutesBetween, isValidTimeZone, type BusinessCalendar } from './business-hours';
export {
  computeKpis,
  slaTargetFor,
  KpiConfigSchema,
  SlaPolicySchema,
  SlaRuleSchema,
  SlaTargetSchema,
  type KpiConfig,
  type SlaPolicy,
  type SlaRule,
  type SlaTarget,
  type SlaOutcome,
  type Duration,
  type ConversationKpis,
  type ConversationWithHistory,
  type StatusChange,
  type Priority,
} from './conversation-kpis';
export { DEFINITIONS, QUALITY_SIGNALS } from './definitions';
export {
  emptyHistogram,
  addSample,
  histogramOf,
  mergeHistograms,
  percentile,
  histogramMean,
  bucketIndex,
  HistogramSchema,
  HISTOGRAM_GAMMA,
  MIN_MINUTES,
  RELATIVE_ERROR,
  type Histogram,
} from './histogram';
export {
  emptyKpiAggregate,
  addKpis,
  mergeKpiAggregates,
  summariseKpis,
  type KpiAggregate,
  type KpiSummary,
  type DurationSummary,
  type SlaCounts,
} from './kpi-aggregate';
export { qaSample, isoWeek, stratumOf, NO_TEAM, type QaCandidate, type QaPick, type QaReason, type QaSampleOptions } from './qa-sample';
export {
  detectTemplates,
  templatedShareByAgent,
  templatesFollowedBySentimentDrop,
  normalizeReply,
  messageKey,
  UNKNOWN_AGENT,
  type AgentMessage,
  type Template,
  type TemplateDetection,
  type TemplateOptions,
  type AgentTemplateShare,
  type TemplateSentimentDrop,
} from './templates';
export { detectGoodwill, type GoodwillGesture, type GoodwillKind } from './goodwill';
export { findMoney, findPercents, parseAmount, type Money } from './money';
export { detectWowMoments, RECOVERY_RISE, RECOVERY_START_AT_MOST, RECOVERY_END_AT_LEAST, type WowMoment } from './wow-moments';
export { scoreAgentTone, agentToneByTeam, type AgentTone, type ToneSignals, type TeamTone } from './agent-tone';
export { hash32, unitHash } from './hash';
