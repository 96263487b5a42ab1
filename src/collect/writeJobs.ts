// Jobs of one project and region → jobs (current state) and job_snapshots (one row per observed change of state
// or replica count). Unchanged jobs are not rewritten; only their last_seen moves.

import type Database from 'better-sqlite3';
import {
  type StoredJob,
  type StoredJobRow,
  snapshotJob,
  storedJobsOf,
  touchJob,
  upsertJob,
} from '../db/queries/jobs.js';
import { inTransaction } from '../db/rows.js';
import { FINISHED_JOB_STATES } from '../domain/jobs.js';
import type { VertexJob } from '../gcp/types.js';
import type { PriceBook } from '../pricing/priceBook.js';
import { type PriceEstimate, priceJob } from '../pricing/resourcePrices.js';

type Columns = Omit<StoredJob, 'name'>;

export function writeJobs(
  sqlite: Database.Database,
  scope: { project: string; region: string },
  jobs: readonly VertexJob[],
  prices: PriceBook,
  now: string,
): number {
  const existing = new Map(
    storedJobsOf(sqlite, scope.project, scope.region).map((row) => [row.name, row] as const),
  );
  return inTransaction(sqlite, () => {
    let written = 0;
    for (const job of jobs) {
      const before = existing.get(job.name);
      const estimate = keepsItsPrice(before, job) ? storedEstimate(before) : priceJob(prices, job);
      const columns = columnsOf(job, estimate);
      if (before && before.goneAt === null && sameColumns(before, columns)) {
        touchJob(sqlite, job.name, now);
        continue;
      }
      written += upsertJob(sqlite, { name: job.name, ...columns }, now);
      if (!before || before.state !== columns.state || before.replicaCount !== columns.replicaCount) {
        written += snapshotJob(sqlite, job.name, now, columns.state, columns.replicaCount);
      }
    }
    return written;
  });
}

/** Finished jobs keep the price they were estimated at while running; later catalog changes do not rewrite them. */
function keepsItsPrice(before: StoredJobRow | undefined, job: VertexJob): before is StoredJobRow {
  return Boolean(
    before &&
      FINISHED_JOB_STATES.has(before.state) &&
      FINISHED_JOB_STATES.has(job.state) &&
      before.priceSource,
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
    spot: job.provisioning === 'spot' ? 1 : 0,
    createTime: job.createTime,
    startTime: job.startTime,
    endTime: job.endTime,
    timeoutSeconds: job.timeoutSeconds,
    updateTime: job.updateTime ?? null,
    hourlyPrice: estimate.hourlyPrice,
    unpricedReason: estimate.unpricedReason,
    priceSource: estimate.priceSource,
    replicaHours: job.replicaHours ?? null,
  };
}

function sameColumns(before: StoredJob, after: Columns): boolean {
  return (Object.keys(after) as Array<keyof Columns>).every((key) => before[key] === after[key]);
}

export function sortedLabels(labels: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(Object.entries(labels).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
