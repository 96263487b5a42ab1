/**
 * Work that must not be cut off by a shutdown (a remediation waiting on Google's operation): tracked while it
 * runs, so stopping can wait for it before the database closes.
 */
export class InFlightWork {
  private readonly running = new Set<Promise<unknown>>();

  track<T>(work: Promise<T>): Promise<T> {
    this.running.add(work);
    const forget = () => this.running.delete(work);
    work.then(forget, forget);
    return work;
  }

  get size(): number {
    return this.running.size;
  }

  /** Waits until everything tracked has settled or `timeoutMs` passed; resolves to how many are still running. */
  async drain(timeoutMs: number): Promise<number> {
    if (this.running.size === 0) return 0;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, timeoutMs);
    });
    await Promise.race([Promise.allSettled([...this.running]), timeout]);
    clearTimeout(timer);
    return this.running.size;
  }
}
