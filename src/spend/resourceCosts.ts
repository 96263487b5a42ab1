// Estimated spend per resource (job, deployed model) over time windows, from the resource tables × the hourly
// catalog prices sync stored on them. The billing export cannot say which endpoint or job a cost belongs to, and
// it lags a day or two; these estimates fill both gaps and are always labelled "estimated".
//
// A job's hourly price covers the whole job. A deployed model's is per replica: times the replicas Monitoring
// measured in each hour where it has a measurement, else the minimum replica count sync observed at the time.
// A resource without a price has cost null and a reason, never $0.
import { parseLabels } from '../db/labels.js';
import type { Store } from '../db/open.js';
import { BACKING_JOB_REASON } from '../pricing/resourcePrices.js';
import { addDays, type Day, eachDay, startOfDayInZone } from '../time/days.js';
import type { SpendKind } from './dailyBreakdown.js';

const HOUR_MS = 3_600_000;

export interface ResourceCost {
  type: 'job' | 'deployment';
  /** Full resource name (job) or "<endpoint>/deployedModels/<id>". */
  name: string;
  displayName: string;
  /** Endpoint resource name and deployed model id (deployments). */
  endpointName: string | null;
  deployedModelId: string | null;
  /** Endpoint display name (deployments). */
  endpoint: string | null;
  /** Deployed model display name, or a job's `model` label. */
  model: string | null;
  /** Job display name (jobs). */
  job: string | null;
  project: string;
  region: string;
  kind: SpendKind;
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
  /** Only these resources (full names, as ResourceCost.name), e.g. the models a unit-cost question names. */
  names?: ReadonlySet<string> | undefined;
}

/** A stretch of time [from, to). */
export interface CostWindow {
  from: Date;
  to: Date;
}

// Job states in which a job is still consuming resources (its end time is not known yet).
const ACTIVE_JOB_STATES = new Set(['QUEUED', 'PENDING', 'RUNNING', 'CANCELLING', 'UPDATING', 'PAUSED']);

/** The spend kind of a stored job kind. */
export function jobSpendKind(kind: string): SpendKind {
  if (kind === 'custom' || kind === 'hptuning' || kind === 'training_pipeline') return 'training';
  if (kind === 'pipeline') return 'pipelines';
  if (kind === 'batch_prediction') return 'prediction';
  return 'other';
}

/** RFC 3339 without milliseconds, the form sync stores hours in, so string comparison orders correctly. */
export function rfc3339(at: Date): string {
  return at.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function overlapMs(aFrom: number, aTo: number, bFrom: number, bTo: number): number {
  return Math.max(0, Math.min(aTo, bTo) - Math.max(aFrom, bFrom));
}

function matches(r: ResourceCost, f: ResourceFilter): boolean {
  if (f.project !== undefined && r.project !== f.project) return false;
  if (f.projects && f.projects.length > 0 && !f.projects.includes(r.project)) return false;
  if (f.region !== undefined && r.region !== f.region) return false;
  if (f.kind !== undefined && r.kind !== f.kind) return false;
  for (const [key, value] of Object.entries(f.labels ?? {})) if (r.labels[key] !== value) return false;
  return f.names === undefined || f.names.has(r.name);
}

/** Units of the hourly price in use over a stretch: 1 for a job, the replicas for a deployed model. */
interface Stretch {
  fromMs: number;
  toMs: number;
  units: number;
}

/** A resource that ran: what it is, when, its hourly price and the units of that price it used over time. */
interface Run {
  info: Omit<ResourceCost, 'hours' | 'cost'>;
  hourlyPrice: number | null;
  startMs: number;
  endMs: number;
  planned: Stretch[];
}

function unitHours(stretches: readonly Stretch[], fromMs: number, toMs: number): number {
  let ms = 0;
  for (const s of stretches) ms += overlapMs(s.fromMs, s.toMs, fromMs, toMs) * s.units;
  return ms / HOUR_MS;
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
  start_time: string;
  end_time: string | null;
  last_seen: string;
  hourly_price: number | null;
  unpriced_reason: string | null;
}

function jobRuns(store: Store, fromIso: string, toIso: string): Run[] {
  const rows = store.sqlite
    .prepare(
      `SELECT name, project, region, kind, display_name, state, labels, machine_type, accelerator_type, start_time,
              end_time, last_seen, hourly_price, unpriced_reason
         FROM jobs
        WHERE start_time IS NOT NULL AND start_time < ? AND (end_time IS NULL OR end_time > ?)`,
    )
    .all(toIso, fromIso) as JobRow[];
  const runs: Run[] = [];
  for (const j of rows) {
    // A pipeline billed through the custom job it started is counted there, not again (nor as unpriced).
    if (j.hourly_price === null && j.unpriced_reason?.startsWith(BACKING_JOB_REASON)) continue;
    const startMs = Date.parse(j.start_time);
    const endMs = j.end_time
      ? Date.parse(j.end_time)
      : ACTIVE_JOB_STATES.has(j.state)
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
        kind: jobSpendKind(j.kind),
        machineType: j.machine_type,
        accelerator: j.accelerator_type,
        labels,
        unpricedReason: j.hourly_price === null ? (j.unpriced_reason ?? 'no catalog price') : null,
      },
      hourlyPrice: j.hourly_price,
      startMs,
      endMs,
      planned: [{ fromMs: startMs, toMs: endMs, units: 1 }],
    });
  }
  return runs;
}

interface DeploymentRow {
  endpoint_name: string;
  deployed_model_id: string;
  display_name: string;
  endpoint_display_name: string;
  project: string;
  region: string;
  labels: string;
  machine_type: string | null;
  accelerator_type: string | null;
  min_replicas: number;
  since: string;
  undeployed_at: string | null;
  hourly_price: number | null;
  unpriced_reason: string | null;
}

interface SnapshotRow {
  endpoint_name: string;
  deployed_model_id: string;
  observed_at: string;
  min_replicas: number;
  deployed: number;
}

const deploymentKey = (endpointName: string, deployedModelId: string) =>
  `${endpointName}\u0000${deployedModelId}`;

function deploymentRuns(
  store: Store,
  fromIso: string,
  toIso: string,
  names?: ReadonlySet<string>,
): Map<string, Run> {
  const rows = store.sqlite
    .prepare(
      `SELECT d.endpoint_name, d.deployed_model_id, d.display_name, e.display_name AS endpoint_display_name,
              e.project, e.region, e.labels, d.machine_type, d.accelerator_type, d.min_replicas,
              COALESCE(d.create_time, d.first_seen) AS since, d.undeployed_at, d.hourly_price, d.unpriced_reason
         FROM deployed_models d JOIN endpoints e ON e.name = d.endpoint_name
        WHERE COALESCE(d.create_time, d.first_seen) < ? AND (d.undeployed_at IS NULL OR d.undeployed_at > ?)`,
    )
    .all(toIso, fromIso) as DeploymentRow[];
  const history = new Map<string, SnapshotRow[]>();
  if (rows.length > 0) {
    for (const snap of store.sqlite
      .prepare(
        `SELECT endpoint_name, deployed_model_id, observed_at, min_replicas, deployed
           FROM deployed_model_snapshots ORDER BY observed_at`,
      )
      .iterate() as IterableIterator<SnapshotRow>) {
      const key = deploymentKey(snap.endpoint_name, snap.deployed_model_id);
      const list = history.get(key) ?? [];
      list.push(snap);
      history.set(key, list);
    }
  }
  const runs = new Map<string, Run>();
  for (const d of rows) {
    if (names && !names.has(`${d.endpoint_name}/deployedModels/${d.deployed_model_id}`)) continue;
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
  snapshots: readonly SnapshotRow[],
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

const floorHour = (ms: number) => Math.floor(ms / HOUR_MS) * HOUR_MS;
const ceilHour = (ms: number) => Math.ceil(ms / HOUR_MS) * HOUR_MS;

/**
 * Replaces the planned replica count by the measured one in every measured hour of the priced deployments. Where
 * a deployment ran through a window's whole hours with one planned count, each such hour adds (measured −
 * planned) replicas, so SQL sums them per deployment and window; the hours at the windows' edges, and every hour
 * of a deployment that started, stopped or changed its planned count inside a window, are applied one by one.
 */
function addMeasuredHours(
  store: Store,
  windows: readonly CostWindow[],
  priced: readonly Run[],
  used: Array<Map<Run, { hours: number; units: number }>>,
  spanFrom: number,
  spanToIso: string,
): void {
  const inner = windows.map((w) => ({ from: ceilHour(w.from.getTime()), to: floorHour(w.to.getTime()) }));
  const summable = (run: Run, i: number) => {
    const { from, to } = inner[i] as { from: number; to: number };
    if (to <= from) return true; // no whole hour: nothing summed, the edges cover it
    if (run.startMs > from || run.endMs < to) return false;
    return run.planned.every((s) => !(s.fromMs > from && s.fromMs < to) && !(s.toMs > from && s.toMs < to));
  };
  const summed: Run[] = [];
  const exact: Run[] = [];
  for (const run of priced) (windows.every((_, i) => summable(run, i)) ? summed : exact).push(run);

  /** Applies one measured hour to the windows it overlaps; `skipWhole` leaves out hours SQL summed. */
  const applyHour = (run: Run, hour: string, replicas: number, skipWhole: boolean) => {
    const hourStart = Date.parse(hour);
    const fromMs = Math.max(hourStart, run.startMs);
    const toMs = Math.min(hourStart + HOUR_MS, run.endMs);
    windows.forEach((w, i) => {
      const whole = inner[i] as { from: number; to: number };
      if (skipWhole && hourStart >= whole.from && hourStart + HOUR_MS <= whole.to) return;
      const a = Math.max(fromMs, w.from.getTime());
      const b = Math.min(toMs, w.to.getTime());
      const entry = used[i]?.get(run);
      if (b <= a || !entry) return;
      entry.units += ((b - a) / HOUR_MS) * replicas - unitHours(run.planned, a, b);
    });
  };

  if (summed.length > 0) {
    // CROSS JOIN keeps this order (deployment, range, then the traffic key), so each pair is one index seek.
    const deployments = JSON.stringify(summed.map((r) => [r.info.endpointName, r.info.deployedModelId]));
    const wholeRanges = JSON.stringify(
      inner.map((w) => (w.to > w.from ? [rfc3339(new Date(w.from)), rfc3339(new Date(w.to))] : ['', ''])),
    );
    const sums = store.sqlite
      .prepare(
        `SELECT d.key AS run, w.key AS window, SUM(t.replicas) AS replicas, COUNT(*) AS hours
           FROM json_each(?) AS d CROSS JOIN json_each(?) AS w CROSS JOIN traffic_hourly t
             ON t.endpoint_name = d.value ->> '$[0]' AND t.deployed_model_id = d.value ->> '$[1]'
            AND t.hour >= w.value ->> '$[0]' AND t.hour < w.value ->> '$[1]'
          WHERE t.replicas IS NOT NULL
          GROUP BY d.key, w.key`,
      )
      .all(deployments, wholeRanges) as Array<{
      run: number;
      window: number;
      replicas: number;
      hours: number;
    }>;
    for (const s of sums) {
      const run = summed[s.run] as Run;
      const whole = inner[s.window] as { from: number; to: number };
      const entry = used[s.window]?.get(run);
      if (!entry) continue;
      entry.units += s.replicas - s.hours * unitHours(run.planned, whole.from, whole.from + HOUR_MS);
    }
    // The partial hours at each window's edges.
    const edges: string[][] = [];
    windows.forEach((w, i) => {
      const whole = inner[i] as { from: number; to: number };
      const from = floorHour(w.from.getTime());
      const to = ceilHour(w.to.getTime());
      const parts =
        whole.to > whole.from
          ? [
              [from, whole.from],
              [whole.to, to],
            ]
          : [[from, to]];
      for (const [a, b] of parts)
        if ((b as number) > (a as number))
          edges.push([rfc3339(new Date(a as number)), rfc3339(new Date(b as number))]);
    });
    if (edges.length > 0) {
      const edgeHours = store.sqlite
        .prepare(
          `SELECT DISTINCT d.key AS run, t.hour, t.replicas
             FROM json_each(?) AS d CROSS JOIN json_each(?) AS e CROSS JOIN traffic_hourly t
               ON t.endpoint_name = d.value ->> '$[0]' AND t.deployed_model_id = d.value ->> '$[1]'
              AND t.hour >= e.value ->> '$[0]' AND t.hour < e.value ->> '$[1]'
            WHERE t.replicas IS NOT NULL`,
        )
        .all(deployments, JSON.stringify(edges)) as Array<{ run: number; hour: string; replicas: number }>;
      for (const h of edgeHours) applyHour(summed[h.run] as Run, h.hour, h.replicas, true);
    }
  }

  const measured = store.sqlite.prepare(
    `SELECT hour, replicas FROM traffic_hourly
      WHERE endpoint_name = ? AND deployed_model_id = ? AND hour >= ? AND hour < ? AND replicas IS NOT NULL`,
  );
  const firstHourIso = rfc3339(new Date(spanFrom - HOUR_MS));
  for (const run of exact) {
    const hours = measured.all(
      run.info.endpointName,
      run.info.deployedModelId,
      firstHourIso,
      spanToIso,
    ) as Array<{
      hour: string;
      replicas: number;
    }>;
    for (const h of hours) applyHour(run, h.hour, h.replicas, false);
  }
}

/**
 * Every job and deployed model that ran in each window, with hours and estimated cost in that window (one list
 * per window, in the order given). Windows should not reach past "now": a running resource counts up to a
 * window's end.
 */
export function resourceCostsByWindow(
  store: Store,
  windows: readonly CostWindow[],
  filter: ResourceFilter = {},
): ResourceCost[][] {
  if (windows.length === 0) return [];
  const spanFrom = Math.min(...windows.map((w) => w.from.getTime()));
  const spanTo = Math.max(...windows.map((w) => w.to.getTime()));
  const fromIso = rfc3339(new Date(spanFrom));
  const toIso = rfc3339(new Date(spanTo));
  const deployments = deploymentRuns(store, fromIso, toIso, filter.names);
  // Asked about named deployed models only (unit cost): the jobs of the window need not be read at all.
  const jobsWanted =
    filter.names === undefined || [...filter.names].some((n) => !n.includes('/deployedModels/'));
  const jobs = jobsWanted ? jobRuns(store, fromIso, toIso) : [];
  const runs = [...jobs, ...deployments.values()].filter((r) =>
    matches({ ...r.info, hours: 0, cost: null }, filter),
  );

  // Units of the price used per run and window, from the planned timeline first.
  const used = windows.map(() => new Map<Run, { hours: number; units: number }>());
  for (const run of runs) {
    windows.forEach((w, i) => {
      const fromMs = w.from.getTime();
      const toMs = w.to.getTime();
      const ranMs = overlapMs(run.startMs, run.endMs, fromMs, toMs);
      if (ranMs <= 0) return;
      used[i]?.set(run, { hours: ranMs / HOUR_MS, units: unitHours(run.planned, fromMs, toMs) });
    });
  }

  // Hours Monitoring measured replicas for replace the planned count for those hours.
  const priced = runs.filter((r) => r.info.type === 'deployment' && r.hourlyPrice !== null);
  if (priced.length > 0) addMeasuredHours(store, windows, priced, used, spanFrom, toIso);

  return used.map((byRun) =>
    [...byRun].map(([run, u]) => ({
      ...run.info,
      hours: u.hours,
      cost: run.hourlyPrice === null ? null : run.hourlyPrice * u.units,
    })),
  );
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
  return resourceCostsByWindow(store, [{ from, to }], filter)[0] ?? [];
}

export interface DailyCostOptions {
  store: Store;
  /** First day (inclusive), YYYY-MM-DD in `timezone`. */
  fromDay: Day;
  /** Day after the last (exclusive). */
  toDay: Day;
  timezone: string;
  /** Nothing is counted past this instant (the clock's now). */
  now: Date;
  filter?: ResourceFilter;
}

/** The instants [from, to) of the days [start, end) in a time zone, never past now; null when that is empty. */
export function daysWindow(start: Day, end: Day, timezone: string, now: Date): CostWindow | null {
  const from = startOfDayInZone(start, timezone);
  const endAt = startOfDayInZone(end, timezone);
  const to = endAt.getTime() > now.getTime() ? now : endAt;
  return to.getTime() > from.getTime() ? { from, to } : null;
}

/** Per calendar day in the time zone, up to now, the resources that ran that day and their estimated cost. */
export function dailyResourceCosts(opts: DailyCostOptions): Array<{ day: Day; costs: ResourceCost[] }> {
  const days: Array<{ day: Day; window: CostWindow }> = [];
  for (const day of eachDay(opts.fromDay, opts.toDay)) {
    const window = daysWindow(day, addDays(day, 1), opts.timezone, opts.now);
    if (window) days.push({ day, window });
  }
  const costs = resourceCostsByWindow(
    opts.store,
    days.map((d) => d.window),
    opts.filter,
  );
  return days.map((d, i) => ({ day: d.day, costs: costs[i] ?? [] }));
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
