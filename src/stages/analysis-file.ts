/** Reading a day's analysis file (analysis/date=<day>/analysis.jsonl.gz): what aggregation needs, without the analysis code. */
import type { AnalysedConversation } from '../core/conversation-analysis';
import { readJsonLines } from '../core/jsonl';
import { layout } from '../core/storage-layout';
import type { BlobStore } from '../ports';

export async function readAnalysis(blobs: BlobStore, date: string): Promise<AnalysedConversation[]> {
  const stream = await blobs.stream(layout.analysisKey(date));
  if (!stream) return [];
  const rows: AnalysedConversation[] = [];
  for await (const row of readJsonLines(stream)) {
    if (row.error) throw new Error(`${layout.analysisKey(date)} line ${row.line}: ${row.error}`);
    rows.push(row.value as AnalysedConversation);
  }
  return rows;
}
