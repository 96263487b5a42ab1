// Jobs of one project and region → jobs (current state) and job_snapshots (one row per observed change of state
// or replica count). Unchanged jobs are not rewritten; only their last_seen moves.

import type Database from 'better-sqlite3';
import type { JobState, VertexJob } from '../gcp/types.js';
import type { PriceBook } from '../pricing/priceBook.js';
import { type PriceEstimate, priceJob } from '../pricing/resourcePrices.js';

// A job in one of these states will not run again; its price is kept as it was when it ran.
const FINAL_STATES = new Set<JobState>([
  'SUCCEEDED',
  'FAILED',
  'CANCELLED',
  'EXPIRED',
  'PARTIALLY_SUCCEEDED',
]);

interface StoredJob {
  name: string;
  project: string;
  region: string;
  kind: string;
  displayName: string;
  state: string;
  labels: string;
  machineType: string | null;
  acceleratorType: string | null;
  acceleratorCount: number;
  replicaCount: number;
  spot: number;
  createTime: string | null;
  startTime: string | null;
  endTime: string | null;
  timeoutSeconds: number | null;
  hourlyPrice: number | null;
  unpricedReason: string | null;
  priceSource: string | null;
}

type Columns = Omit<StoredJob, 'name'>;

export function writeJobs(
  sqlite: Database.Database,
  scope: { project: string; region: string },
  jobs: readonly VertexJob[],
  prices: PriceBook,
  now: string,
): number {
  const existing = new Map(
    sqlite
      .prepare<[string, string], StoredJob>(
        `SELECT name, project, region, kind, display_name AS displayName, state, labels, machine_type AS machineType,
                accelerator_type AS acceleratorType, accelerator_count AS acceleratorCount, replica_count AS replicaCount,
                spot, create_time AS createTime, start_time AS startTime, end_time AS endTime,
                timeout_seconds AS timeoutSeconds, hourly_price AS hourlyPrice, unpriced_reason AS unpricedReason,
                price_source AS priceSource
           FROM jobs WHERE project = ? AND region = ?`,
      )
      .all(scope.project, scope.region)
      .map((row) => [row.name, row] as const),
  );
  const upsert = sqlite.prepare(
    `INSERT INTO jobs (name, project, region, kind, display_name, state, labels, machine_type, accelerator_type,
                       accelerator_count, replica_count, spot, create_time, start_time, end_time, timeout_seconds,
                       first_seen, last_seen, hourly_price, unpriced_reason, price_source)
     VALUES (@name, @project, @region, @kind, @displayName, @state, @labels, @machineType, @acceleratorType,
             @acceleratorCount, @replicaCount, @spot, @createTime, @startTime, @endTime, @timeoutSeconds,
             @now, @now, @hourlyPrice, @unpricedReason, @priceSource)
     ON CONFLICT (name) DO UPDATE SET
       project = excluded.project, region = excluded.region, kind = excluded.kind, display_name = excluded.display_name,
       state = excluded.state, labels = excluded.labels, machine_type = excluded.machine_type,
       accelerator_type = excluded.accelerator_type, accelerator_count = excluded.accelerator_count,
       replica_count = excluded.replica_count, spot = excluded.spot, create_time = excluded.create_time,
       start_time = excluded.start_time, end_time = excluded.end_time, timeout_seconds = excluded.timeout_seconds,
       last_seen = excluded.last_seen, hourly_price = excluded.hourly_price,
       unpriced_reason = excluded.unpriced_reason, price_source = excluded.price_source`,
  );
  const touch = sqlite.prepare('UPDATE jobs SET last_seen = ? WHERE name = ? AND last_seen IS NOT ?');
  const snapshot = sqlite.prepare(
    'INSERT OR IGNORE INTO job_snapshots (job_name, observed_at, state, replica_count) VALUES (?, ?, ?, ?)',
  );

  const write = sqlite.transaction(() => {
    let written = 0;
    for (const job of jobs) {
      const before = existing.get(job.name);
      const estimate = keepsItsPrice(before, job) ? storedEstimate(before) : priceJob(prices, job);
      const columns = columnsOf(job, estimate);
      if (before && sameColumns(before, columns)) {
        touch.run(now, job.name, now);
        continue;
      }
      written += upsert.run({ name: job.name, now, ...columns }).changes;
      if (!before || before.state !== columns.state || before.replicaCount !== columns.replicaCount) {
        written += snapshot.run(job.name, now, columns.state, columns.replicaCount).changes;
      }
    }
    return written;
  });
  return write();
}

/** Finished jobs keep the price they were estimated at while running; later catalog changes do not rewrite them. */
function keepsItsPrice(before: StoredJob | undefined, job: VertexJob): before is StoredJob {
  return Boolean(
    before && FINAL_STATES.has(before.state as JobState) && FINAL_STATES.has(job.state) && before.priceSource,
  );
}

function storedEstimate(row: StoredJob): PriceEstimate {
  return { hourlyPrice: row.hourlyPrice, unpricedReason: row.unpricedReason, priceSource: row.priceSource };
}

function columnsOf(job: VertexJob, estimate: PriceEstimate): Columns {
  return {
    project: job.project,
    region: job.region,
    kind: job.kind,
    displayName: job.displayName,
    state: job.state,
    labels: JSON.stringify(sortedLabels(job.labels)),
    machineType: job.machine.machineType,
    acceleratorType: job.machine.acceleratorType,
    acceleratorCount: job.machine.acceleratorCount,
    replicaCount: job.replicaCount,
    spot: job.spot ? 1 : 0,
    createTime: job.createTime,
    startTime: job.startTime,
    endTime: job.endTime,
    timeoutSeconds: job.timeoutSeconds,
    hourlyPrice: estimate.hourlyPrice,
    unpricedReason: estimate.unpricedReason,
    priceSource: estimate.priceSource,
  };
}

function sameColumns(before: StoredJob, after: Columns): boolean {
  return (Object.keys(after) as Array<keyof Columns>).every((key) => before[key] === after[key]);
}

export function sortedLabels(labels: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(Object.entries(labels).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
