/**
 * Work tried again after a failure, with a doubling pause: for steps that are idempotent (a day's analysis and
 * aggregation, reading a day of the window), so a throttled or dropped storage call costs a retry, not the night.
 */
import { setTimeout as sleep } from 'node:timers/promises';

/** Runs `work` up to `attempts` times (pausing delayMs, 2·delayMs, …); the last failure is thrown. */
export async function withRetries<T>(work: (attempt: number) => Promise<T>, attempts: number, delayMs: number): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work(attempt);
    } catch (error) {
      if (attempt >= attempts) throw error;
      await sleep(delayMs * 2 ** (attempt - 1));
    }
  }
}
