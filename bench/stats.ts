// Percentiles over measured durations (milliseconds), nearest-rank.

// Fewest runs a percentile is taken over, even past the time cap.
const MIN_RUNS = 2;
// A first run slower than this is measured rather than thrown away as a warm-up: caches barely matter at that
// size, and the time budget cannot afford it.
const SLOW_RUN_MS = 500;

export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank] as number;
}

/**
 * Runs `fn` up to `runs` times after one warm-up run, stopping once `maxSeconds` have passed (at least `MIN_RUNS`
 * are always measured); returns each measured run's milliseconds.
 */
export async function timeRuns(runs: number, fn: () => unknown, maxSeconds = Infinity): Promise<number[]> {
  const deadline = performance.now() + maxSeconds * 1000;
  const out: number[] = [];
  const first = performance.now();
  await fn();
  const firstMs = performance.now() - first;
  if (firstMs > SLOW_RUN_MS) out.push(firstMs);
  while (out.length < runs && (out.length < MIN_RUNS || performance.now() < deadline)) {
    const start = performance.now();
    await fn();
    out.push(performance.now() - start);
  }
  return out;
}

/**
 * Runs `a` and `b` in turns, up to `runs` times each after one warm-up of each, stopping once `maxSeconds` have
 * passed (at least `MIN_RUNS` pairs are always measured): both sides meet the same load on a shared machine.
 * Returns each side's milliseconds per measured run.
 */
export async function timeAlternating(
  runs: number,
  a: () => unknown,
  b: () => unknown,
  maxSeconds = Infinity,
): Promise<[number[], number[]]> {
  const deadline = performance.now() + maxSeconds * 1000;
  const timeOf = async (fn: () => unknown) => {
    const start = performance.now();
    await fn();
    return performance.now() - start;
  };
  const first = [await timeOf(a), await timeOf(b)];
  const outA: number[] = first[0] !== undefined && first[0] > SLOW_RUN_MS ? [first[0]] : [];
  const outB: number[] = first[1] !== undefined && first[1] > SLOW_RUN_MS ? [first[1]] : [];
  while (
    Math.max(outA.length, outB.length) < runs &&
    (Math.min(outA.length, outB.length) < MIN_RUNS || performance.now() < deadline)
  ) {
    if (outA.length < runs) outA.push(await timeOf(a));
    if (outB.length < runs) outB.push(await timeOf(b));
  }
  return [outA, outB];
}

export function round(value: number, digits = 2): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}
