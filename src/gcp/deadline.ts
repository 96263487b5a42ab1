// A deadline for calls whose client library cannot enforce one: @google-cloud/bigquery hands its `timeout` to
// teeny-request, whose fetch (node-fetch 3) ignores it, so a BigQuery that never answers would hold the call —
// and the sync pass behind it — for good.

/** The work's result, or — once `timeoutMs` passed — an error saying it timed out (the work is left unobserved). */
export function withinDeadline<T>(timeoutMs: number, what: string, work: () => Promise<T>): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${what} timed out after ${timeoutMs} ms`)), timeoutMs);
    work().then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (err: unknown) => {
        clearTimeout(timer);
        reject(err);
      },
    );
  });
}
