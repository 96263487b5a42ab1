import type { GcpError } from './errors.js';

export interface RetryPolicy {
  /** Total tries, the first included. */
  attempts: number;
  /** Delay cap before the second try; doubles for each further try. */
  baseDelayMs: number;
}

export interface RetryDeps {
  sleep: (ms: number) => Promise<void>;
  /** In [0, 1); injected so tests can pin the jitter. */
  random: () => number;
  onRetry?: (err: GcpError, attempt: number, delayMs: number) => void;
}

// No single wait grows past this, however many attempts are configured: a sync pass must end in minutes.
const MAX_DELAY_MS = 20_000;
// Google may ask for a longer wait (RetryInfo) than our own backoff would take; past this, trying again within
// the pass is pointless, and the error is reported at once.
const MAX_SERVER_DELAY_MS = 60_000;

export const realSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Runs `call`, trying again on retryable errors with "full jitter" exponential backoff (a random wait between 0
 * and base × 2^n), which spreads out clients that failed together. When Google says how long to wait
 * (google.rpc.RetryInfo, sent with quota errors), that wait is honoured instead, unless it is longer than a
 * minute. Non-retryable errors are thrown at once.
 */
export async function withRetry<T>(call: () => Promise<T>, policy: RetryPolicy, deps: RetryDeps): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await call();
    } catch (err) {
      const gcpError = err as GcpError;
      if (attempt >= policy.attempts || gcpError?.retryable !== true) throw err;
      const serverDelayMs = gcpError.retryDelayMs ?? null;
      if (serverDelayMs !== null && serverDelayMs > MAX_SERVER_DELAY_MS) throw err;
      const ceiling = Math.min(MAX_DELAY_MS, policy.baseDelayMs * 2 ** (attempt - 1));
      const delayMs = serverDelayMs ?? Math.round(ceiling * deps.random());
      deps.onRetry?.(gcpError, attempt, delayMs);
      await deps.sleep(delayMs);
    }
  }
}
