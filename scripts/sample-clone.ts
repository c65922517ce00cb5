/** Benchmarks' generated conversations: a sample conversation moved to another day, with its own id and customer. */
export type SampleConversation = Record<string, any> & { messages: any[]; createdAt: string };

/**
 * `sample` re-dated so that it starts `minuteOfDay` minutes into `day` (every timestamp shifted alike),
 * as conversation `bench:<index>` of customer `customerId`.
 */
export function cloneOnDay(sample: SampleConversation, index: number, day: string, minuteOfDay: number, customerId: string): Record<string, unknown> {
  const shift = Date.parse(`${day}T00:00:00Z`) + minuteOfDay * 60_000 - Date.parse(sample.createdAt);
  const at = (iso: string | undefined) => (iso ? new Date(Date.parse(iso) + shift).toISOString() : undefined);
  return {
    ...sample,
    id: `bench:${index}`,
    source: 'bench',
    sourceId: String(index),
    createdAt: at(sample.createdAt),
    updatedAt: at(sample.updatedAt),
    closedAt: at(sample.closedAt),
    customer: { ...sample.customer, id: customerId },
    messages: sample.messages.map((m: any) => ({ ...m, createdAt: at(m.createdAt) })),
  };
}
