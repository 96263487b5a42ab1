// Estimated spend for days the billing export does not cover yet: what deployed models and jobs cost by their
// stored hourly prices over the hours they ran. Billing rows stay the truth for days they cover; this fills the
// gap after the export's actual-through day.

import type { Store } from '../db/open.js';
import { BACKING_JOB_REASON } from './resourcePrices.js';
import { addDays, eachDay, startOfDayInZone } from '../time/days.js';

export type SpendKind = 'training' | 'prediction' | 'pipelines' | 'other';

export interface EstimatedSpendRow {
  day: string;
  project: string;
  kind: SpendKind;
  amount: number;
  estimated: true;
}

export interface SpendEstimate {
  rows: EstimatedSpendRow[];
  total: number;
  currency: 'USD';
  /** Resources that ran in the period but have no price, so the total leaves them out. */
  unpriced: Array<{ resource: string; reason: string }>;
  estimated: true;
}

export interface SpendScope {
  /** Only these projects; empty or omitted means all. */
  projects?: readonly string[];
  /** Only resources carrying all these labels. */
  labels?: Readonly<Record<string, string>>;
}

export interface EstimateSpendOptions {
  store: Store;
  /** First day (inclusive), YYYY-MM-DD in `timezone`. */
  fromDay: string;
  /** Day after the last (exclusive). */
  toDay: string;
  timezone: string;
  /** Nothing is estimated past this instant (the clock's now). */
  now: Date;
  scope?: SpendScope;
}

const HOUR_MS = 3_600_000;

const JOB_KINDS: Record<string, SpendKind> = {
  custom: 'training',
  hptuning: 'training',
  training_pipeline: 'training',
  batch_prediction: 'prediction',
  pipeline: 'pipelines',
};

/** A stretch of time a resource cost `hourly` per hour. */
interface Burn {
  project: string;
  kind: SpendKind;
  fromMs: number;
  toMs: number;
  hourly: number;
}

interface DeployedModelRow {
  endpointName: string;
  deployedModelId: string;
  project: string;
  labels: string;
  hourlyPrice: number | null;
  unpricedReason: string | null;
  minReplicas: number;
  createTime: string | null;
  firstSeen: string;
  undeployedAt: string | null;
}

interface SnapshotRow {
  endpointName: string;
  deployedModelId: string;
  observedAt: string;
  minReplicas: number;
  deployed: number;
}

interface JobRow {
  name: string;
  project: string;
  kind: string;
  labels: string;
  hourlyPrice: number | null;
  unpricedReason: string | null;
  startTime: string | null;
  endTime: string | null;
}

/** Per day, kind and project: the estimated cost of what ran, by the prices stored on jobs and deployed models. */
export function estimateSpend(opts: EstimateSpendOptions): SpendEstimate {
  const days = eachDay(opts.fromDay, opts.toDay);
  const empty: SpendEstimate = { rows: [], total: 0, currency: 'USD', unpriced: [], estimated: true };
  if (days.length === 0) return empty;
  const periodStart = startOfDayInZone(opts.fromDay, opts.timezone).getTime();
  const periodEnd = Math.min(startOfDayInZone(opts.toDay, opts.timezone).getTime(), opts.now.getTime());
  if (periodEnd <= periodStart) return empty;

  const unpriced: SpendEstimate['unpriced'] = [];
  const burns: Burn[] = [];
  const inScope = scopeFilter(opts.scope);
  const nowMs = opts.now.getTime();

  for (const model of deployedModelBurns(opts.store, nowMs)) {
    if (!inScope(model.row.project, model.row.labels)) continue;
    if (model.toMs <= periodStart || model.fromMs >= periodEnd) continue;
    if (model.row.hourlyPrice === null) {
      unpriced.push({
        resource: `${model.row.endpointName} deployedModel ${model.row.deployedModelId}`,
        reason: model.row.unpricedReason ?? 'no price',
      });
      continue;
    }
    for (const segment of model.segments) {
      burns.push({
        project: model.row.project,
        kind: 'prediction',
        fromMs: segment.fromMs,
        toMs: segment.toMs,
        hourly: model.row.hourlyPrice * segment.replicas,
      });
    }
  }

  for (const job of opts.store.sqlite
    .prepare<[], JobRow>(
      `SELECT name, project, kind, labels, hourly_price AS hourlyPrice, unpriced_reason AS unpricedReason,
              start_time AS startTime, end_time AS endTime
         FROM jobs WHERE start_time IS NOT NULL`,
    )
    .all()) {
    if (!inScope(job.project, job.labels) || !job.startTime) continue;
    const fromMs = Date.parse(job.startTime);
    const toMs = job.endTime ? Date.parse(job.endTime) : nowMs;
    if (toMs <= periodStart || fromMs >= periodEnd) continue;
    if (job.hourlyPrice === null) {
      // Pipelines billed through their custom job are counted there.
      if (!job.unpricedReason?.startsWith(BACKING_JOB_REASON)) {
        unpriced.push({ resource: job.name, reason: job.unpricedReason ?? 'no price' });
      }
      continue;
    }
    burns.push({
      project: job.project,
      kind: JOB_KINDS[job.kind] ?? 'other',
      fromMs,
      toMs,
      hourly: job.hourlyPrice,
    });
  }

  const amounts = new Map<string, EstimatedSpendRow>();
  for (const day of days) {
    const dayStart = Math.max(startOfDayInZone(day, opts.timezone).getTime(), periodStart);
    const dayEnd = Math.min(startOfDayInZone(addDays(day, 1), opts.timezone).getTime(), periodEnd);
    if (dayEnd <= dayStart) continue;
    for (const burn of burns) {
      const overlap = Math.min(dayEnd, burn.toMs) - Math.max(dayStart, burn.fromMs);
      if (overlap <= 0) continue;
      const key = `${day}\u0000${burn.kind}\u0000${burn.project}`;
      const row = amounts.get(key) ?? {
        day,
        project: burn.project,
        kind: burn.kind,
        amount: 0,
        estimated: true as const,
      };
      row.amount += (overlap / HOUR_MS) * burn.hourly;
      amounts.set(key, row);
    }
  }
  const rows = [...amounts.values()].sort(
    (a, b) =>
      a.day.localeCompare(b.day) || a.kind.localeCompare(b.kind) || a.project.localeCompare(b.project),
  );
  return {
    rows,
    total: rows.reduce((sum, row) => sum + row.amount, 0),
    currency: 'USD',
    unpriced,
    estimated: true,
  };
}

interface ModelTimeline {
  row: DeployedModelRow;
  fromMs: number;
  toMs: number;
  segments: Array<{ fromMs: number; toMs: number; replicas: number }>;
}

/**
 * Each deployed model's time on its endpoint, cut where its minimum replica count changed (from the snapshots
 * sync keeps). Before the first snapshot the first observed count applies.
 */
function deployedModelBurns(store: Store, nowMs: number): ModelTimeline[] {
  const snapshots = new Map<string, SnapshotRow[]>();
  for (const snap of store.sqlite
    .prepare<[], SnapshotRow>(
      `SELECT endpoint_name AS endpointName, deployed_model_id AS deployedModelId, observed_at AS observedAt,
              min_replicas AS minReplicas, deployed
         FROM deployed_model_snapshots ORDER BY observed_at`,
    )
    .all()) {
    const key = `${snap.endpointName}\u0000${snap.deployedModelId}`;
    const list = snapshots.get(key) ?? [];
    list.push(snap);
    snapshots.set(key, list);
  }
  const rows = store.sqlite
    .prepare<[], DeployedModelRow>(
      `SELECT d.endpoint_name AS endpointName, d.deployed_model_id AS deployedModelId, e.project AS project,
              e.labels AS labels, d.hourly_price AS hourlyPrice, d.unpriced_reason AS unpricedReason,
              d.min_replicas AS minReplicas, d.create_time AS createTime, d.first_seen AS firstSeen,
              d.undeployed_at AS undeployedAt
         FROM deployed_models d JOIN endpoints e ON e.name = d.endpoint_name`,
    )
    .all();
  return rows.map((row) => {
    const fromMs = Date.parse(row.createTime ?? row.firstSeen);
    const toMs = row.undeployedAt ? Date.parse(row.undeployedAt) : nowMs;
    const history = snapshots.get(`${row.endpointName}\u0000${row.deployedModelId}`) ?? [];
    const segments: ModelTimeline['segments'] = [];
    let replicas = history[0]?.minReplicas ?? row.minReplicas;
    let segmentStart = fromMs;
    for (const snap of history) {
      const at = Math.max(Date.parse(snap.observedAt), fromMs);
      if (at > segmentStart) segments.push({ fromMs: segmentStart, toMs: Math.min(at, toMs), replicas });
      segmentStart = Math.max(segmentStart, at);
      replicas = snap.deployed ? snap.minReplicas : 0;
    }
    if (toMs > segmentStart && replicas > 0) segments.push({ fromMs: segmentStart, toMs, replicas });
    return { row, fromMs, toMs, segments: segments.filter((s) => s.toMs > s.fromMs && s.replicas > 0) };
  });
}

function scopeFilter(scope: SpendScope | undefined): (project: string, labelsJson: string) => boolean {
  const projects = scope?.projects?.length ? new Set(scope.projects) : null;
  const labels = Object.entries(scope?.labels ?? {});
  return (project, labelsJson) => {
    if (projects && !projects.has(project)) return false;
    if (labels.length === 0) return true;
    const own = parseLabels(labelsJson);
    return labels.every(([key, value]) => own[key] === value);
  };
}

function parseLabels(json: string): Record<string, string> {
  try {
    return JSON.parse(json) as Record<string, string>;
  } catch {
    return {};
  }
}
