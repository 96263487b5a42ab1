import type { Logger } from '../app/logger.js';
import type { Config } from '../config/schema.js';
import { type GcpError, toGcpError } from './errors.js';
import { type RetryDeps, type RetryPolicy, realSleep, withRetry } from './retry.js';

export interface CallerOptions {
  retry: RetryPolicy;
  /** Deadline of one request, in ms. */
  timeoutMs: number;
  /** Items per page for list calls; undefined leaves it to each service's default. */
  pageSize?: number;
  log: Logger;
  sleep: RetryDeps['sleep'];
  random: RetryDeps['random'];
}

/**
 * The caller `google.retry` configures: its attempts, back-off and deadline, with real waits and jitter unless a
 * test passes its own.
 */
export function configuredCaller(opts: {
  retry: Config['google']['retry'];
  log: Logger;
  sleep?: RetryDeps['sleep'];
  random?: RetryDeps['random'];
  pageSize?: number;
}): Caller {
  return new Caller({
    retry: { attempts: opts.retry.attempts, baseDelayMs: opts.retry.baseDelayMs },
    timeoutMs: opts.retry.timeoutMs,
    log: opts.log,
    sleep: opts.sleep ?? realSleep,
    random: opts.random ?? Math.random,
    ...(opts.pageSize ? { pageSize: opts.pageSize } : {}),
  });
}

/**
 * The one way adapters call Google: failures become GcpError naming the method and resource, and calls that are
 * safe to repeat are retried on transient errors. The client libraries' own retries are switched off (see
 * `requestOptions`), so one policy — configured, and injectable in tests — governs every retry.
 */
export class Caller {
  constructor(private readonly opts: CallerOptions) {}

  get pageSize(): number | undefined {
    return this.opts.pageSize;
  }

  /** gax call options for one request: our deadline, no library-level retry, one page at a time. */
  get requestOptions(): { timeout: number; retry: null; autoPaginate: false } {
    return { timeout: this.opts.timeoutMs, retry: null, autoPaginate: false };
  }

  /** A read (or an idempotent change): retried on retryable errors. */
  async read<T>(method: string, resource: string, fn: () => Promise<T>): Promise<T> {
    return withRetry(() => this.once(method, resource, fn), this.opts.retry, {
      sleep: this.opts.sleep,
      random: this.opts.random,
      onRetry: (err: GcpError, attempt, delayMs) =>
        this.opts.log.debug(
          { method, resource, attempt, delayMs, error: err.message },
          'retrying Google call',
        ),
    });
  }

  /** A change that must not be sent twice: any failure is reported as is. */
  async once<T>(method: string, resource: string, fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (err) {
      throw toGcpError(err, method, resource);
    }
  }

  /**
   * Every page of a list call. Each page is retried on its own, so a transient error on page 7 does not repeat
   * pages 1–6. `fetchPage` calls a gax list method (autoPaginate off) with the page token: it answers
   * [items, nextRequest], and nextRequest carries the following page's token (or is null on the last page).
   */
  async listAll<Item>(
    method: string,
    resource: string,
    fetchPage: (
      pageToken: string | undefined,
    ) => Promise<readonly [Item[], { pageToken?: string | null } | null | undefined, ...unknown[]]>,
  ): Promise<Item[]> {
    const items: Item[] = [];
    let pageToken: string | undefined;
    do {
      const token = pageToken;
      const [page, next] = await this.read(method, resource, () => fetchPage(token));
      items.push(...page);
      pageToken = next?.pageToken || undefined;
    } while (pageToken);
    return items;
  }
}
