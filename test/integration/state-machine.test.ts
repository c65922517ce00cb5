/**
 * The synthesized state machine, executed: its Amazon States Language as `cdk synth` writes it, run by
 * aws-local-stepfunctions (MIT) against the real Lambda handlers and the embedded emulators, each handler on
 * stores that enforce its role's grants (test/support/iam.ts).
 *
 * Shimmed, because aws-local-stepfunctions runs Map states inline and has no Distributed Map item readers: each
 * Distributed Map gets a Task state before it that reads its items the way its ItemReader would (S3
 * ListObjectsV2 of the prefix; S3 GetObject of the JSON array), and the Map iterates them from the state
 * (ItemsPath) inline, with its ItemSelector, child states, Retry and Catch as synthesized. ToleratedFailure* and
 * Label are dropped (inline Maps have none). A LambdaInvoke task calls the handler with its Payload and returns
 * `{ Payload: result }`, as the lambda:invoke integration does; a thrown handler error is a task failure
 * (States.TaskFailed). Retry intervals are set to 0 ms; the attempts are as synthesized. aws-local-stepfunctions 3
 * (the only release) declares Node >= 22 for its one use of Promise.withResolvers: on Node 20 that is polyfilled here.
 */
import { StateMachine, type StateMachineDefinition } from 'aws-local-stepfunctions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handler as aggregateHandler } from '../../lambdas/aggregate';
import { handler as analyzeHandler } from '../../lambdas/analyze';
import { handler as discoverHandler } from '../../lambdas/discover';
import { handler as finalizeHandler } from '../../lambdas/finalize';
import { handler as ingestHandler } from '../../lambdas/ingest';
import { useEnvironment } from '../../lambdas/runtime';
import type { VocEnvironment } from '../../src/adapters/environment';
import { handlerVariablesFor, openEmulatorEnvironment } from '../../src/adapters/emulator-environment';
import { keys } from '../../src/core/aggregation/keys';
import { layout } from '../../src/core/storage-layout';
import { buildStack, stateMachineDefinition } from '../infra/synth';
import { Template } from 'aws-cdk-lib/assertions';
import { conversation, jsonl } from '../support/conversations';
import { enforcedStores, synthesizedGrants } from '../support/iam';

// Node 20 has no Promise.withResolvers (Node 22 does); the library's timeout handling uses it.
const promiseStatics = Promise as unknown as { withResolvers?: () => unknown };
promiseStatics.withResolvers ??= () => {
  let resolve!: (value: unknown) => void;
  let reject!: (reason?: unknown) => void;
  const promise = new Promise((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
};

type Handler = (event: unknown) => Promise<unknown>;
const HANDLERS: Record<string, [string, Handler]> = {
  Ingest: ['ingest', ingestHandler],
  Discover: ['discover', discoverHandler],
  Analyze: ['analyze', analyzeHandler],
  Aggregate: ['aggregate', aggregateHandler],
  Finalize: ['finalize', finalizeHandler],
  RecordFailure: ['finalize', finalizeHandler],
  RecordDayFailure: ['finalize', finalizeHandler],
};

let env: VocEnvironment;
let definition: StateMachineDefinition;
const grants = synthesizedGrants();
const saved = { ...process.env };
/** Which item readers were shimmed, for the record. */
const shimmed: string[] = [];

/** Each Distributed Map → a reader Task before it + an inline Map over the items it put in the state. */
function shimDistributedMaps(asl: any): any {
  const states: Record<string, any> = { ...asl.States };
  for (const [name, state] of Object.entries<any>(asl.States)) {
    if (state.Type !== 'Map' || !state.ItemReader) continue;
    const reader = `Read${name}Items`;
    shimmed.push(`${name}: ${state.ItemReader.Resource.split(':').pop()}`);
    states[reader] = { Type: 'Task', Resource: state.ItemReader.Resource, Parameters: state.ItemReader.Parameters, ResultPath: `$.items${name}`, Next: name };
    const { ItemReader: _reader, Label: _label, ToleratedFailurePercentage: _pct, ToleratedFailureCount: _count, ...map } = state;
    states[name] = { ...map, ItemsPath: `$.items${name}`, ItemProcessor: { ...state.ItemProcessor, ProcessorConfig: { Mode: 'INLINE' } } };
    // Whatever led to the Map now leads to its reader.
    for (const other of Object.values<any>(states)) {
      if (other === states[reader]) continue;
      if (other.Next === name) other.Next = reader;
      if (other.Default === name) other.Default = reader;
      for (const c of [...(other.Choices ?? []), ...(other.Catch ?? [])]) if (c.Next === name) c.Next = reader;
    }
  }
  return { ...asl, States: states };
}

interface Faults {
  /** state name → how many of its calls fail before one succeeds (per date for day tasks) */
  failFirst?: Record<string, number>;
  /** day tasks that always fail for this date */
  alwaysFailDate?: string;
}

async function execute(name: string, faults: Faults = {}) {
  const calls: Record<string, number> = {};
  const handlers = Object.fromEntries(
    Object.entries(HANDLERS).map(([state, [role, handler]]) => [
      state,
      async (input: any) => {
        const payload = input.Payload;
        const key = `${state}${payload?.date ? ` ${payload.date}` : ''}`;
        calls[key] = (calls[key] ?? 0) + 1;
        if ((faults.failFirst?.[state] ?? 0) >= calls[key]!) throw Object.assign(new Error(`${state} throttled (injected)`), { name: 'ProvisionedThroughputExceededException' });
        if (faults.alwaysFailDate && payload?.date === faults.alwaysFailDate && (state === 'Analyze' || state === 'Aggregate')) throw new Error(`${state} of ${payload.date} failed (injected)`);
        const stores = enforcedStores(env, role, grants[role]!);
        useEnvironment({ ...env, blobs: stores.blobs, table: stores.table });
        try {
          return { Payload: (await handler(payload)) ?? null };
        } finally {
          useEnvironment(undefined);
        }
      },
    ]),
  );
  const readers = {
    ReadIngestInboxItems: async (input: any) => {
      const items = [];
      for await (const o of env.blobs.list(input.Prefix)) items.push({ Key: o.key, Size: o.size, Etag: o.etag ?? '' });
      return items;
    },
    ReadAnalyzePartitionsItems: async (input: any) => JSON.parse(Buffer.from((await env.blobs.get(input.Key))!).toString('utf8')),
  };
  const retryStates = ['Ingest', 'Discover', 'Analyze', 'Aggregate', 'Finalize', 'RecordFailure', 'RecordDayFailure'];
  const machine = new StateMachine(definition, { validationOptions: { checkPaths: false, checkArn: false } });
  const execution = machine.run(
    { asOf: '2026-11-06' },
    {
      overrides: { taskResourceLocalHandlers: { ...handlers, ...readers }, retryIntervalOverrides: Object.fromEntries(retryStates.map((s) => [s, 0])) },
      context: { Execution: { Name: name, StartTime: '2026-11-06T02:00:00.000Z', Input: { asOf: '2026-11-06' } } },
    },
  );
  try {
    return { output: await execution.result, error: undefined, calls };
  } catch (error) {
    return { output: undefined, error: error as Error, calls };
  }
}

const runRecord = async (runId: string) => (await env.table.query({ partition: `RUN#${runId}` })[Symbol.asyncIterator]().next()).value as Record<string, unknown> | undefined;

beforeAll(async () => {
  env = await openEmulatorEnvironment();
  Object.assign(process.env, handlerVariablesFor(env), { VOC_PSEUDONYM_KEY: 'state-machine-test', POWERTOOLS_DEV: 'true', POWERTOOLS_LOG_LEVEL: 'SILENT', POWERTOOLS_METRICS_DISABLED: 'true' });
  definition = shimDistributedMaps(stateMachineDefinition(Template.fromStack(buildStack().stack)));
  const rows = ['2026-11-02', '2026-11-03', '2026-11-04'].flatMap((day) =>
    [0, 1, 2, 3, 4, 5].map((i) => conversation({ id: `${day}-${i}`, day, customerId: `c-${day}-${i}`, customer: [i % 2 ? 'the app crashes when I log in' : 'please refund the double charge on my card'] })),
  );
  await env.blobs.put(layout.inboxKey('night.jsonl'), jsonl(rows));
  await env.blobs.put(layout.inboxKey('broken.bin'), Buffer.from([0, 1, 2, 3, 255, 254]));
}, 120_000);
afterAll(async () => {
  process.env = saved;
  useEnvironment(undefined);
  await env?.close();
});

describe('the synthesized state machine, executed locally', () => {
  it('shims both Distributed Map item readers', () => {
    expect(shimmed).toEqual(['IngestInbox: listObjectsV2', 'AnalyzePartitions: getObject']);
  });

  it('runs a night whose first Aggregate of each day is throttled: retried, and the night succeeds', async () => {
    const night = await execute('exec-retry', { failFirst: { Aggregate: 1 } });
    expect(night.error).toBeUndefined();
    expect(night.output).toMatchObject({ runId: 'exec-retry', finalized: { status: 'succeeded' } });
    // The unreadable upload was set aside by its Ingest child; the readable one ingested.
    expect(night.calls).toMatchObject({ Ingest: 2, Discover: 1, Finalize: 1 });
    for (const day of ['2026-11-02', '2026-11-03', '2026-11-04']) {
      expect(night.calls[`Analyze ${day}`], day).toBe(1);
      expect(night.calls[`Aggregate ${day}`], day).toBe(2);
      expect(await env.table.get(keys.dayManifest(day)), day).toMatchObject({ pending: false });
    }
    expect(await runRecord('exec-retry')).toMatchObject({ status: 'succeeded' });
  });

  it('a day that fails after its retries is recorded by finalize, the execution fails naming it, and the next night does it', async () => {
    // The catalogue and days are current; make 2026-11-03 stale so it is listed, then make it fail every time.
    const manifest = await env.table.get(keys.dayManifest('2026-11-03'));
    await env.table.putMany([{ ...manifest!, pending: true }]);
    const failed = await execute('exec-fail', { alwaysFailDate: '2026-11-03' });
    expect(failed.error?.name).toBe('ExecutionError');
    // The DaysUnfinished Fail state's cause is finalize's error (CausePath $.finalized.error).
    expect(failed.error?.message).toMatch(/1 day\(s\) not analysed and aggregated: 2026-11-03 \(.*Aggregate of 2026-11-03 failed \(injected\)\)/);
    // Listed aggregate-only (its analysis is current): 1 try + 2 retries as synthesized, then RecordDayFailure.
    expect(failed.calls['Aggregate 2026-11-03']).toBe(3);
    expect(failed.calls['Analyze 2026-11-03']).toBeUndefined();
    expect(failed.calls.RecordDayFailure).toBe(1);
    const record = await runRecord('exec-fail');
    expect(record).toMatchObject({ status: 'failed', unfinishedDays: ['2026-11-03'] });
    expect(String(record!.error)).toMatch(/2026-11-03 \(.*Aggregate of 2026-11-03 failed \(injected\)/);

    const next = await execute('exec-next');
    expect(next.error).toBeUndefined();
    expect(next.calls['Aggregate 2026-11-03']).toBe(1);
    expect(await env.table.get(keys.dayManifest('2026-11-03'))).toEqual(manifest);
  });

  it('a stage that fails is caught, recorded by finalize as a failed run, and the execution fails with its error', async () => {
    const failed = await execute('exec-discover', { failFirst: { Discover: 99 } });
    expect(failed.error?.message).toMatch(/ProvisionedThroughputExceededException|Discover throttled/);
    // Retried as synthesized (3 attempts), then caught.
    expect(failed.calls.Discover).toBe(3);
    expect(failed.calls.RecordFailure).toBe(1);
    expect(await runRecord('exec-discover')).toMatchObject({ status: 'failed' });
    expect(String((await runRecord('exec-discover'))!.error)).toMatch(/Discover throttled \(injected\)/);
  });
});
