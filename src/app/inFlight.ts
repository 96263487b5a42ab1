// Once a stop has waited most of its time, work still waiting is told to stop: recording what it knows (a few
// SQLite writes) takes well under this.
const STOP_GRACE_MS = 2_000;

/**
 * Work that must not be cut off by a shutdown (a remediation waiting on Google's operation): tracked while it
 * runs, so stopping can wait for it before the database closes, and tell it to stop waiting when time runs out.
 */
export class InFlightWork {
  private readonly running = new Set<Promise<unknown>>();
  private readonly stopping = new AbortController();

  /** Aborted when a stop runs out of patience: tracked work should stop waiting and record its outcome. */
  get signal(): AbortSignal {
    return this.stopping.signal;
  }

  track<T>(work: Promise<T>): Promise<T> {
    this.running.add(work);
    const forget = () => this.running.delete(work);
    work.then(forget, forget);
    return work;
  }

  get size(): number {
    return this.running.size;
  }

  /**
   * Waits for everything tracked to settle, at most `timeoutMs` in all: most of it for the work to end by
   * itself, then — with `signal` aborted — the rest for it to record its outcome. Resolves to how many are still
   * running.
   */
  async drain(timeoutMs: number): Promise<number> {
    const grace = Math.min(STOP_GRACE_MS, timeoutMs / 4);
    await this.settled(timeoutMs - grace);
    if (this.running.size === 0) return 0;
    this.stopping.abort();
    await this.settled(grace);
    return this.running.size;
  }

  private async settled(timeoutMs: number): Promise<void> {
    if (this.running.size === 0) return;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, Math.max(0, timeoutMs));
    });
    await Promise.race([Promise.allSettled([...this.running]), timeout]);
    clearTimeout(timer);
  }
}
