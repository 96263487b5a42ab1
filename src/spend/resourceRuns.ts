// The resources that ran in a span of time, as "runs": what each is, when it ran, its hourly price and the units
// of that price it planned to use over time (1 for a job; for a deployed model its minimum replica count, cut
// where sync saw it change). src/spend/resourceCosts.ts prices them per window.

import { parseLabels } from '../db/labels.js';
import type { Store } from '../db/open.js';
import {
  type DeploymentSnapshotRow,
  deploymentsOverlapping,
  eachDeploymentSnapshot,
} from '../db/queries/deployedModels.js';
import { type JobRow, jobsOverlapping } from '../db/queries/jobs.js';
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

export function jobRuns(store: Store, fromIso: string, toIso: string): Run[] {
  const rows = jobsOverlapping(store, fromIso, toIso);
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
    const labels = parseLabels(j.labels);
    runs.push({
      info: {
        type: 'job',
        name: j.name,
        displayName: j.display_name,
        endpointName: null,
        deployedModelId: null,
        endpoint: null,
        model: labels.model ?? null,
        job: j.display_name,
        project: j.project,
        region: j.region,
        kind: spendKindOfJob(j.kind),
        machineType: j.machine_type,
        accelerator: j.accelerator_type,
        labels,
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
function reportedShare(j: JobRow, startMs: number, endMs: number): number {
  if (j.replica_hours === null || j.replica_hours <= 0 || j.replica_count <= 0) return 1;
  const reportedUntil = Number.isFinite(endMs) ? endMs : Date.parse(j.last_seen);
  const hours = (reportedUntil - startMs) / HOUR_MS;
  return hours > 0 ? j.replica_hours / hours / j.replica_count : 1;
}

const deploymentKey = (endpointName: string, deployedModelId: string) =>
  `${endpointName}\u0000${deployedModelId}`;

export function deploymentRuns(
  store: Store,
  fromIso: string,
  toIso: string,
  names?: ReadonlySet<string>,
): Map<string, Run> {
  const rows = deploymentsOverlapping(store, fromIso, toIso);
  const history = new Map<string, DeploymentSnapshotRow[]>();
  if (rows.length > 0) {
    for (const snap of eachDeploymentSnapshot(store)) {
      const key = deploymentKey(snap.endpoint_name, snap.deployed_model_id);
      const list = history.get(key) ?? [];
      list.push(snap);
      history.set(key, list);
    }
  }
  const runs = new Map<string, Run>();
  for (const d of rows) {
    if (names && !names.has(`${d.endpoint_name}/deployedModels/${d.deployed_model_id}`)) continue;
    // A model on a deployment resource pool is billed with the pool (see capacityRuns), not again on its own.
    if (d.hourly_price === null && d.unpriced_reason?.startsWith(SHARED_POOL_REASON)) continue;
    const key = deploymentKey(d.endpoint_name, d.deployed_model_id);
    const startMs = Date.parse(d.since);
    const endMs = d.undeployed_at ? Date.parse(d.undeployed_at) : Number.POSITIVE_INFINITY;
    runs.set(key, {
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
        labels: parseLabels(d.labels),
        unpricedReason: d.hourly_price === null ? (d.unpriced_reason ?? 'no catalog price') : null,
      },
      hourlyPrice: d.hourly_price,
      startMs,
      endMs,
      planned: replicaTimeline(startMs, endMs, d.min_replicas, history.get(key) ?? []),
    });
  }
  return runs;
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
