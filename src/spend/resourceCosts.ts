// Estimated spend per resource (job, deployed model) over a time window, from the resource tables × the hourly
// catalog prices sync stored on them. The billing export cannot say which endpoint or job a cost belongs to, and
// it lags a day or two; these estimates fill both gaps and are always labelled "estimated".
import type { Store } from '../db/open.js';

const HOUR_MS = 3_600_000;

export type SpendKindName = 'training' | 'prediction' | 'pipelines' | 'other';

export interface ResourceCost {
  type: 'job' | 'deployment';
  /** Full resource name (job) or "<endpoint>/deployedModels/<id>". */
  name: string;
  displayName: string;
  /** Endpoint display name (deployments). */
  endpoint: string | null;
  /** Deployed model display name, or a job's `model` label. */
  model: string | null;
  /** Job display name (jobs). */
  job: string | null;
  project: string;
  region: string;
  kind: SpendKindName;
  machineType: string | null;
  accelerator: string | null;
  labels: Record<string, string>;
  /** Hours the resource ran inside the window. */
  hours: number;
  /** Estimated cost in the window; null when the resource is unpriced. */
  cost: number | null;
  unpricedReason: string | null;
}

export interface ResourceFilter {
  project?: string | undefined;
  projects?: readonly string[] | undefined;
  region?: string | undefined;
  kind?: string | undefined;
  labels?: Readonly<Record<string, string>> | undefined;
}

// Job states in which a job is still consuming resources (its end time is not known yet).
const ACTIVE_JOB_STATES = new Set(['QUEUED', 'PENDING', 'RUNNING', 'CANCELLING', 'UPDATING', 'PAUSED']);

function jobSpendKind(kind: string): SpendKindName {
  if (kind === 'custom' || kind === 'hptuning' || kind === 'training_pipeline') return 'training';
  if (kind === 'pipeline') return 'pipelines';
  if (kind === 'batch_prediction') return 'prediction';
  return 'other';
}

function parseLabels(text: string | null): Record<string, string> {
  try {
    const value = JSON.parse(text ?? '{}') as unknown;
    return value && typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, string>)
      : {};
  } catch {
    return {};
  }
}

/** RFC 3339 without milliseconds, the form sync stores hours in, so string comparison orders correctly. */
export function rfc3339(at: Date): string {
  return at.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function overlapHours(startMs: number, endMs: number, from: Date, to: Date): number {
  const a = Math.max(startMs, from.getTime());
  const b = Math.min(endMs, to.getTime());
  return b > a ? (b - a) / HOUR_MS : 0;
}

function matches(r: ResourceCost, f: ResourceFilter): boolean {
  if (f.project !== undefined && r.project !== f.project) return false;
  if (f.projects && f.projects.length > 0 && !f.projects.includes(r.project)) return false;
  if (f.region !== undefined && r.region !== f.region) return false;
  if (f.kind !== undefined && r.kind !== f.kind) return false;
  for (const [key, value] of Object.entries(f.labels ?? {})) if (r.labels[key] !== value) return false;
  return true;
}

interface JobRow {
  name: string;
  project: string;
  region: string;
  kind: string;
  display_name: string;
  state: string;
  labels: string;
  machine_type: string | null;
  accelerator_type: string | null;
  start_time: string | null;
  end_time: string | null;
  last_seen: string;
  hourly_price: number | null;
  unpriced_reason: string | null;
}

interface DeploymentRow {
  endpoint_name: string;
  deployed_model_id: string;
  display_name: string;
  model: string;
  endpoint_display_name: string;
  project: string;
  region: string;
  labels: string;
  machine_type: string | null;
  accelerator_type: string | null;
  min_replicas: number;
  create_time: string | null;
  first_seen: string;
  undeployed_at: string | null;
  hourly_price: number | null;
  unpriced_reason: string | null;
}

/**
 * Every job and deployed model that ran in [from, to), with hours and estimated cost in that window. `to` should
 * not lie after "now": a running resource is counted up to `to`.
 */
export function resourceCosts(
  store: Store,
  from: Date,
  to: Date,
  filter: ResourceFilter = {},
): ResourceCost[] {
  const fromIso = rfc3339(from);
  const toIso = rfc3339(to);
  const out: ResourceCost[] = [];

  const jobs = store.sqlite
    .prepare(
      `SELECT name, project, region, kind, display_name, state, labels, machine_type, accelerator_type, start_time,
              end_time, last_seen, hourly_price, unpriced_reason
         FROM jobs
        WHERE start_time IS NOT NULL AND start_time < ? AND (end_time IS NULL OR end_time > ?)`,
    )
    .all(toIso, fromIso) as JobRow[];
  for (const j of jobs) {
    const start = Date.parse(j.start_time ?? '');
    const end = j.end_time
      ? Date.parse(j.end_time)
      : ACTIVE_JOB_STATES.has(j.state)
        ? to.getTime()
        : Date.parse(j.last_seen);
    const hours = overlapHours(start, end, from, to);
    if (hours <= 0) continue;
    const labels = parseLabels(j.labels);
    out.push({
      type: 'job',
      name: j.name,
      displayName: j.display_name,
      endpoint: null,
      model: labels.model ?? null,
      job: j.display_name,
      project: j.project,
      region: j.region,
      kind: jobSpendKind(j.kind),
      machineType: j.machine_type,
      accelerator: j.accelerator_type,
      labels,
      hours,
      cost: j.hourly_price === null ? null : j.hourly_price * hours,
      unpricedReason: j.hourly_price === null ? (j.unpriced_reason ?? 'no catalog price') : null,
    });
  }

  const deployments = store.sqlite
    .prepare(
      `SELECT d.endpoint_name, d.deployed_model_id, d.display_name, d.model, e.display_name AS endpoint_display_name,
              e.project, e.region, e.labels, d.machine_type, d.accelerator_type, d.min_replicas, d.create_time,
              d.first_seen, d.undeployed_at, d.hourly_price, d.unpriced_reason
         FROM deployed_models d JOIN endpoints e ON e.name = d.endpoint_name
        WHERE d.dedicated = 1 AND COALESCE(d.create_time, d.first_seen) < ?
          AND (d.undeployed_at IS NULL OR d.undeployed_at > ?)`,
    )
    .all(toIso, fromIso) as DeploymentRow[];
  const replicaHours = store.sqlite.prepare(
    `SELECT SUM(replicas) AS total, COUNT(replicas) AS hours FROM traffic_hourly
      WHERE endpoint_name = ? AND deployed_model_id = ? AND hour >= ? AND hour < ?`,
  );
  for (const d of deployments) {
    const start = Date.parse(d.create_time ?? d.first_seen);
    const end = d.undeployed_at ? Date.parse(d.undeployed_at) : to.getTime();
    const hours = overlapHours(start, end, from, to);
    if (hours <= 0) continue;
    // Measured replica-hours where Monitoring has them; the minimum replica count for the other hours.
    const measured = replicaHours.get(d.endpoint_name, d.deployed_model_id, fromIso, toIso) as {
      total: number | null;
      hours: number;
    };
    const unmeasured = Math.max(0, hours - measured.hours);
    const replicaHoursTotal = (measured.total ?? 0) + unmeasured * d.min_replicas;
    out.push({
      type: 'deployment',
      name: `${d.endpoint_name}/deployedModels/${d.deployed_model_id}`,
      displayName: d.display_name,
      endpoint: d.endpoint_display_name,
      model: d.display_name,
      job: null,
      project: d.project,
      region: d.region,
      kind: 'prediction',
      machineType: d.machine_type,
      accelerator: d.accelerator_type,
      labels: parseLabels(d.labels),
      hours,
      cost: d.hourly_price === null ? null : d.hourly_price * replicaHoursTotal,
      unpricedReason: d.hourly_price === null ? (d.unpriced_reason ?? 'no catalog price') : null,
    });
  }
  return out.filter((r) => matches(r, filter));
}

/** Sum of priced estimates, and what could not be priced. */
export function sumResourceCosts(costs: readonly ResourceCost[]): {
  total: number;
  unpriced: ResourceCost[];
} {
  let total = 0;
  const unpriced: ResourceCost[] = [];
  for (const c of costs) {
    if (c.cost === null) unpriced.push(c);
    else total += c.cost;
  }
  return { total, unpriced };
}
