// The resources that ran in a span of time, as "runs": what each is, when it ran, its hourly price and the units
// of that price it planned to use over time (1 for a job; for a deployed model its minimum replica count, cut
// where sync saw it change). src/spend/resourceCosts.ts prices them per window.

import { parseLabels } from '../db/labels.js';
import type { Store } from '../db/open.js';
import { perDataVersion } from '../db/perDataVersion.js';
import {
  allDeployments,
  type DeploymentSnapshotRow,
  eachDeploymentSnapshot,
} from '../db/queries/deployedModels.js';
import { type JobRunRow, jobsOverlapping } from '../db/queries/jobs.js';

import { ACTIVE_JOB_STATES } from '../domain/jobs.js';
import { spendKindOfJob } from '../domain/kinds.js';
import { BACKING_JOB_REASON, SHARED_POOL_REASON } from '../pricing/resourcePrices.js';
import type { Run, Stretch } from './resourceTypes.js';

export const HOUR_MS = 3_600_000;

export function overlapMs(aFrom: number, aTo: number, bFrom: number, bTo: number): number {
  return Math.max(0, Math.min(aTo, bTo) - Math.max(aFrom, bFrom));
}

export function unitHours(stretches: readonly Stretch[], fromMs: number, toMs: number): number {
  let ms = 0;
  for (const s of stretches) ms += overlapMs(s.fromMs, s.toMs, fromMs, toMs) * s.units;
  return ms / HOUR_MS;
}

/**
 * A labels column parsed on first use: most estimates never look at labels (no label filter or grouping), and
 * thousands of resources need not be parsed for them.
 */
export function lazyLabels(json: string): () => Record<string, string> {
  let parsed: Record<string, string> | null = null;
  return () => {
    parsed ??= parseLabels(json);
    return parsed;
  };
}

/**
 * Jobs that ran in [fromIso, toIso); without `labels`, their labels are not read (every job's are empty); with
 * `unpricedOnly`, only those without a price.
 */
export function jobRuns(
  store: Store,
  fromIso: string,
  toIso: string,
  opts: { labels: boolean; unpricedOnly?: boolean },
): Run[] {
  const rows = jobsOverlapping(store, fromIso, toIso, opts);
  const runs: Run[] = [];
  for (const j of rows) {
    // A pipeline billed through the custom job it started is counted there, not again (nor as unpriced).
    if (j.hourly_price === null && j.unpriced_reason?.startsWith(BACKING_JOB_REASON)) continue;
    const startMs = Date.parse(j.start_time ?? '');
    // A job deleted in Google while it looked active ran until sync last saw it.
    const endMs = j.end_time
      ? Date.parse(j.end_time)
      : ACTIVE_JOB_STATES.has(j.state) && j.gone_at === null
        ? Number.POSITIVE_INFINITY
        : Date.parse(j.last_seen);
    const labels = lazyLabels(j.labels);
    runs.push({
      info: {
        type: 'job',
        name: j.name,
        displayName: j.display_name,
        endpointName: null,
        deployedModelId: null,
        endpoint: null,
        get model() {
          return labels().model ?? null;
        },
        job: j.display_name,
        project: j.project,
        region: j.region,
        kind: spendKindOfJob(j.kind),
        machineType: j.machine_type,
        accelerator: j.accelerator_type,
        get labels() {
          return labels();
        },
        unpricedReason: j.hourly_price === null ? (j.unpriced_reason ?? 'no catalog price') : null,
      },
      hourlyPrice: j.hourly_price,
      startMs,
      endMs,
      planned: [{ fromMs: startMs, toMs: endMs, units: reportedShare(j, startMs, endMs) }],
    });
  }
  return runs;
}

/**
 * The share of the job's hourly price (all its replicas) it used on average: 1, except for a batch prediction job
 * whose used replica-hours Google reports — those over the hours they were reported for (to its end, or to the
 * last sync while it runs), per replica it started with.
 */
function reportedShare(j: JobRunRow, startMs: number, endMs: number): number {
  if (j.replica_hours === null || j.replica_hours <= 0 || j.replica_count <= 0) return 1;
  const reportedUntil = Number.isFinite(endMs) ? endMs : Date.parse(j.last_seen);
  const hours = (reportedUntil - startMs) / HOUR_MS;
  return hours > 0 ? j.replica_hours / hours / j.replica_count : 1;
}

const deploymentKey = (endpointName: string, deployedModelId: string) =>
  `${endpointName}\u0000${deployedModelId}`;

/** Every deployment as a run, kept per connection until the data changes (deployments change only at sync). */
const allDeploymentRuns = perDataVersion((store): Run[] => {
  const history = new Map<string, DeploymentSnapshotRow[]>();
  for (const snap of eachDeploymentSnapshot(store)) {
    const key = deploymentKey(snap.endpoint_name, snap.deployed_model_id);
    const list = history.get(key) ?? [];
    list.push(snap);
    history.set(key, list);
  }
  const runs: Run[] = [];
  for (const d of allDeployments(store)) {
    // A model on a deployment resource pool is billed with the pool (see capacityRuns), not again on its own.
    if (d.hourly_price === null && d.unpriced_reason?.startsWith(SHARED_POOL_REASON)) continue;
    const key = deploymentKey(d.endpoint_name, d.deployed_model_id);
    const labels = lazyLabels(d.labels);
    const startMs = Date.parse(d.since);
    const endMs = d.undeployed_at ? Date.parse(d.undeployed_at) : Number.POSITIVE_INFINITY;
    runs.push({
      info: {
        type: 'deployment',
        name: `${d.endpoint_name}/deployedModels/${d.deployed_model_id}`,
        displayName: d.display_name,
        endpointName: d.endpoint_name,
        deployedModelId: d.deployed_model_id,
        endpoint: d.endpoint_display_name,
        model: d.display_name,
        job: null,
        project: d.project,
        region: d.region,
        kind: 'prediction',
        machineType: d.machine_type,
        accelerator: d.accelerator_type,
        get labels() {
          return labels();
        },
        unpricedReason: d.hourly_price === null ? (d.unpriced_reason ?? 'no catalog price') : null,
      },
      hourlyPrice: d.hourly_price,
      startMs,
      endMs,
      planned: replicaTimeline(startMs, endMs, d.min_replicas, history.get(key) ?? []),
      stored: { since: d.since, undeployedAt: d.undeployed_at, minReplicas: d.min_replicas },
    });
  }
  return runs;
});

/** How many deployments the store holds (whenever they ran). */
export function deploymentCount(store: Store): number {
  return allDeploymentRuns(store).length;
}

/** Deployments that began before `toIso` and were not undeployed by `fromIso` (only `names`, when given). */
export function deploymentRuns(
  store: Store,
  fromIso: string,
  toIso: string,
  names?: ReadonlySet<string>,
): Run[] {
  const fromMs = Date.parse(fromIso);
  const toMs = Date.parse(toIso);
  return allDeploymentRuns(store).filter(
    (run) => run.startMs < toMs && run.endMs > fromMs && (!names || names.has(run.info.name)),
  );
}

/**
 * The minimum replica count over a deployment's time, cut where sync saw it change (its snapshots); before the
 * first snapshot the first observed count applies, and after an undeployed snapshot none.
 */
function replicaTimeline(
  startMs: number,
  endMs: number,
  currentMin: number,
  snapshots: readonly DeploymentSnapshotRow[],
): Stretch[] {
  const stretches: Stretch[] = [];
  let units = snapshots[0]?.min_replicas ?? currentMin;
  let from = startMs;
  for (const snap of snapshots) {
    const at = Math.max(Date.parse(snap.observed_at), startMs);
    if (at > from) stretches.push({ fromMs: from, toMs: Math.min(at, endMs), units });
    from = Math.max(from, at);
    units = snap.deployed ? snap.min_replicas : 0;
  }
  if (endMs > from) stretches.push({ fromMs: from, toMs: endMs, units });
  return stretches.filter((s) => s.toMs > s.fromMs && s.units > 0);
}
