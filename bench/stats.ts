// Percentiles over measured durations (milliseconds), nearest-rank.

// Fewest runs a percentile is taken over, even past the time cap.
const MIN_RUNS = 5;

export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank] as number;
}

/**
 * Runs `fn` `runs` times after `warmup` unmeasured runs, stopping early once `maxSeconds` have passed (at least
 * `MIN_RUNS` are always measured); returns each run's milliseconds.
 */
export async function timeRuns(runs: number, warmup: number, fn: () => unknown, maxSeconds = Infinity): Promise<number[]> {
  for (let i = 0; i < warmup; i++) await fn();
  const out: number[] = [];
  const deadline = performance.now() + maxSeconds * 1000;
  for (let i = 0; i < runs; i++) {
    if (i >= MIN_RUNS && performance.now() > deadline) break;
    const start = performance.now();
    await fn();
    out.push(performance.now() - start);
  }
  return out;
}

export function round(value: number, digits = 2): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}
