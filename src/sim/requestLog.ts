// Every Google call the simulator received, oldest first, for tests and demos to assert on
// (GET /_sim/requests). Control calls under /_sim/ are not recorded.

export interface LoggedRequest {
  method: string;
  /** Path without the query string. */
  path: string;
  /** The raw query string (without "?"), e.g. "pageSize=2&$alt=json%3Benum-encoding=int". */
  query: string;
  /** Wall-clock time the request arrived, RFC 3339. */
  time: string;
  /** Simulated time when it arrived. */
  simTime: string;
  /** HTTP status answered; 0 while unanswered (e.g. an injected timeout). */
  status: number;
  /**
   * The JSON body of a Vertex AI call that changes something (POST, PATCH, DELETE under /v1/), as received: what
   * an undeploy sent as its traffic split. Absent for reads and BigQuery (queries are long and read nothing back).
   */
  body?: unknown;
}

export class RequestLog {
  private entries: LoggedRequest[] = [];

  record(entry: Omit<LoggedRequest, 'status'>): LoggedRequest {
    const logged = { ...entry, status: 0 };
    this.entries.push(logged);
    return logged;
  }

  all(): readonly LoggedRequest[] {
    return this.entries;
  }

  clear(): void {
    this.entries = [];
  }
}
