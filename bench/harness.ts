// Tiny benchmark harness: each bench yields figures; run.ts prints one JSON line each.

export interface Figure {
  figure: string;
  unit: string;
  candour: number;
  /** The bare libsodium call measured in the same run, for comparison. */
  raw: number;
  params?: Record<string, unknown>;
}

export interface Bench {
  name: string;
  run(): Promise<Figure[]>;
}

/** Median milliseconds per call over `runs` calls, after one warm-up. */
export function medianMs(fn: () => void, runs: number): number {
  fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    fn();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

/** Calls per second over roughly `ms` milliseconds. */
export function perSecond(fn: () => void, ms = 500): number {
  for (let i = 0; i < 10; i++) fn();
  let count = 0;
  const start = performance.now();
  let elapsed = 0;
  while (elapsed < ms) {
    for (let i = 0; i < 20; i++) fn();
    count += 20;
    elapsed = performance.now() - start;
  }
  return (count * 1000) / elapsed;
}

export async function mibPerSecond(bytes: number, fn: () => Promise<void> | void): Promise<number> {
  await fn();
  const start = performance.now();
  await fn();
  return bytes / (1024 * 1024) / ((performance.now() - start) / 1000);
}

/**
 * Two throughputs over the same bytes, measured in alternating rounds after a warm-up of each:
 * the medians, so a passing disturbance of the machine touches both alike.
 */
export async function pairedMibPerSecond(
  bytes: number,
  a: () => Promise<void> | void,
  b: () => Promise<void> | void,
  rounds = 7
): Promise<{ a: number; b: number }> {
  await a();
  await b();
  const times: { a: number[]; b: number[] } = { a: [], b: [] };
  for (let i = 0; i < rounds; i++) {
    for (const [name, fn] of [
      ['a', a],
      ['b', b]
    ] as const) {
      const start = performance.now();
      await fn();
      times[name].push(bytes / (1024 * 1024) / ((performance.now() - start) / 1000));
    }
  }
  const median = (v: number[]) => [...v].sort((x, y) => x - y)[Math.floor(v.length / 2)]!;
  return { a: median(times.a), b: median(times.b) };
}

export const round = (n: number, digits = 1) => Number(n.toFixed(digits));
