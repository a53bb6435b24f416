// A reporter's client that gives up on slow answers and tries again, as a browser on a bad
// connection does: every attempt resends the same body (same ids), so the server must store it
// exactly once however many attempts arrive.
import { randomInt } from 'node:crypto';
import type { Answer } from '../support/reporter-client';

export interface Patience {
  /** Each attempt waits a random time between these for its answer (ms). */
  minTimeoutMs: number;
  maxTimeoutMs: number;
  /** Give up (and fail the test) after this long (ms). */
  deadlineMs: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A whole number from `min` up to (not including) `max`. */
export const between = (min: number, max: number) => randomInt(min, max);

/** True with probability `p` (to a thousandth). */
export const chance = (p: number) => randomInt(1000) < p * 1000;

/** Sends until the server answers 200 or 201; a 4xx other than 429 is a failure at once. */
export async function deliver(
  attempt: (timeoutMs: number) => Promise<Answer>,
  patience: Patience
): Promise<{ attempts: number; answer: Answer }> {
  const end = Date.now() + patience.deadlineMs;
  let attempts = 0;
  let last: unknown;
  while (Date.now() < end) {
    attempts++;
    const timeout = between(patience.minTimeoutMs, patience.maxTimeoutMs);
    try {
      const answer = await attempt(timeout);
      if (answer.status === 200 || answer.status === 201) return { attempts, answer };
      if (answer.status < 500 && answer.status !== 429) {
        throw new Error(`refused: ${answer.status} ${JSON.stringify(answer.json)}`);
      }
      last = new Error(`status ${answer.status}`);
    } catch (error) {
      if (error instanceof Error && error.message.startsWith('refused')) throw error;
      last = error;
    }
    await sleep(between(20, 220));
    // After a few short waits, be patient enough for a loaded server to answer.
    if (attempts >= 4) patience = { ...patience, minTimeoutMs: 5_000, maxTimeoutMs: 10_000 };
  }
  throw new Error(`not delivered after ${attempts} attempts: ${String(last)}`);
}

/** Runs `tasks` with at most `concurrency` in flight. */
export async function pool<T>(
  items: readonly T[],
  concurrency: number,
  task: (item: T) => Promise<void>
): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < items.length) await task(items[next++]!);
    })
  );
}
