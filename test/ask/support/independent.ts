// Figures for answer tests computed without burnrate's query code: plain SQL over billing_daily and the resource
// tables, and replica-hours × the stored hourly prices written out here from the rule the docs state. What a
// test expects comes from here; what it checks comes from askQuestion.

import type Database from 'better-sqlite3';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export interface Filters {
  project?: string;
  region?: string;
  kind?: string;
  labels?: Record<string, string>;
}

/** What a cost can be grouped by in these checks. */
export type Dim = 'project' | 'region' | 'kind' | 'sku' | `label:${string}` | 'endpoint';

interface Item {
  project: string;
  region: string;
  kind: string;
  sku: string;
  labels: Record<string, string>;
  endpoint: string | null;
  cost: number;
}

const addDay = (day: string, n: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY).toISOString().slice(0, 10);

function keep(item: Item, f: Filters): boolean {
  if (f.project && item.project !== f.project) return false;
  if (f.region && item.region !== f.region) return false;
  if (f.kind && item.kind !== f.kind) return false;
  return Object.entries(f.labels ?? {}).every(([k, v]) => item.labels[k] === v);
}

function keyOf(item: Item, dim: Dim): string | null {
  switch (dim) {
    case 'project':
      return item.project;
    case 'region':
      return item.region;
    case 'kind':
      return item.kind;
    case 'sku':
      return item.sku;
    case 'endpoint':
      return item.endpoint;
    default: {
      const key = dim.slice('label:'.length);
      return item.labels[key] ?? `(no ${key} label)`;
    }
  }
}

/** Billing rows of [start, end) (days), one item per row, net of credits. */
export function billedItems(db: Database.Database, start: string, end: string): Item[] {
  const rows = db
    .prepare(
      `SELECT project, location, kind, sku_description, labels, cost + credits AS cost
         FROM billing_daily WHERE day >= ? AND day < ?`,
    )
    .all(start, end) as Array<{
    project: string;
    location: string;
    kind: string;
    sku_description: string;
    labels: string;
    cost: number;
  }>;
  return rows.map((r) => ({
    project: r.project,
    region: r.location,
    kind: r.kind,
    sku: r.sku_description,
    labels: JSON.parse(r.labels) as Record<string, string>,
    endpoint: null,
    cost: r.cost,
  }));
}

// A job that ended has an end time; a running one runs to "now"; one seen no more ran until it was last seen.
const ACTIVE = new Set(['QUEUED', 'PENDING', 'RUNNING', 'CANCELLING', 'UPDATING']);

/**
 * What jobs and deployed models cost in [fromMs, toMs) by their stored hourly prices: a job's price × the hours it
 * ran; a deployed model's price per replica × the replicas Monitoring measured in each clock hour, else the
 * minimum replicas sync last saw before that moment. Unpriced resources are left out (and counted).
 */
export function estimatedItems(
  db: Database.Database,
  fromMs: number,
  toMs: number,
): { items: Item[]; unpriced: number } {
  const items: Item[] = [];
  let unpriced = 0;
  const jobs = db
    .prepare(
      `SELECT project, region, kind, labels, state, start_time, end_time, last_seen, hourly_price, unpriced_reason,
              replica_count, replica_hours
         FROM jobs WHERE start_time IS NOT NULL`,
    )
    .all() as Array<{
    project: string;
    region: string;
    kind: string;
    labels: string;
    state: string;
    start_time: string;
    end_time: string | null;
    last_seen: string;
    hourly_price: number | null;
    unpriced_reason: string | null;
    replica_count: number;
    replica_hours: number | null;
  }>;
  for (const j of jobs) {
    if (j.hourly_price === null && j.unpriced_reason?.startsWith('billed as its custom job')) continue;
    const start = Date.parse(j.start_time);
    const end = j.end_time
      ? Date.parse(j.end_time)
      : ACTIVE.has(j.state)
        ? Number.POSITIVE_INFINITY
        : Date.parse(j.last_seen);
    const hours = Math.max(0, Math.min(end, toMs) - Math.max(start, fromMs)) / HOUR;
    if (hours <= 0) continue;
    if (j.hourly_price === null) {
      unpriced += 1;
      continue;
    }
    const kind =
      j.kind === 'pipeline' ? 'pipelines' : j.kind === 'batch_prediction' ? 'prediction' : 'training';
    items.push({
      project: j.project,
      region: j.region,
      kind,
      sku: 'not yet billed (estimated, no SKU detail)',
      labels: JSON.parse(j.labels) as Record<string, string>,
      endpoint: null,
      cost: j.hourly_price * hours * usedShare(j, start, end),
    });
  }
  const models = db
    .prepare(
      `SELECT d.endpoint_name, d.deployed_model_id, e.display_name AS endpoint, e.project, e.region, e.labels,
              d.min_replicas, COALESCE(d.create_time, d.first_seen) AS since, d.undeployed_at, d.hourly_price
         FROM deployed_models d JOIN endpoints e ON e.name = d.endpoint_name`,
    )
    .all() as Array<{
    endpoint_name: string;
    deployed_model_id: string;
    endpoint: string;
    project: string;
    region: string;
    labels: string;
    min_replicas: number;
    since: string;
    undeployed_at: string | null;
    hourly_price: number | null;
  }>;
  const snapshots = db.prepare(
    `SELECT observed_at, min_replicas, deployed FROM deployed_model_snapshots
      WHERE endpoint_name = ? AND deployed_model_id = ? ORDER BY observed_at`,
  );
  const measured = db.prepare(
    `SELECT hour, replicas FROM traffic_hourly
      WHERE endpoint_name = ? AND deployed_model_id = ? AND replicas IS NOT NULL`,
  );
  for (const m of models) {
    const start = Math.max(Date.parse(m.since), fromMs);
    const end = Math.min(m.undeployed_at ? Date.parse(m.undeployed_at) : Number.POSITIVE_INFINITY, toMs);
    if (end <= start) continue;
    if (m.hourly_price === null) {
      unpriced += 1;
      continue;
    }
    const snaps = snapshots.all(m.endpoint_name, m.deployed_model_id) as Array<{
      observed_at: string;
      min_replicas: number;
      deployed: number;
    }>;
    const replicasIn = new Map(
      (measured.all(m.endpoint_name, m.deployed_model_id) as Array<{ hour: string; replicas: number }>).map(
        (r) => [Date.parse(r.hour), r.replicas],
      ),
    );
    const planned = (at: number) => {
      let units = snaps[0]?.min_replicas ?? m.min_replicas;
      for (const s of snaps) if (Date.parse(s.observed_at) <= at) units = s.deployed ? s.min_replicas : 0;
      return units;
    };
    const cuts = new Set<number>([start, end]);
    for (let h = Math.ceil(start / HOUR) * HOUR; h < end; h += HOUR) cuts.add(h);
    for (const s of snaps) {
      const at = Date.parse(s.observed_at);
      if (at > start && at < end) cuts.add(at);
    }
    const points = [...cuts].sort((a, b) => a - b);
    let unitHours = 0;
    for (let i = 0; i + 1 < points.length; i++) {
      const a = points[i] as number;
      const b = points[i + 1] as number;
      unitHours += ((b - a) / HOUR) * (replicasIn.get(Math.floor(a / HOUR) * HOUR) ?? planned(a));
    }
    items.push({
      project: m.project,
      region: m.region,
      kind: 'prediction',
      sku: 'not yet billed (estimated, no SKU detail)',
      labels: JSON.parse(m.labels) as Record<string, string>,
      endpoint: m.endpoint,
      cost: m.hourly_price * unitHours,
    });
  }
  return { items, unpriced };
}

export interface Expected {
  total: number;
  groups: Map<string, number>;
  /** Days after the export's last actual day, up to today, that the period covers. */
  estimatedDays: string[];
}

/**
 * A period's spend as answers should give it: billing rows through `actualThrough`, estimates for later days (up
 * to `now`), filtered and grouped; grouping by an endpoint is estimated for the whole period (the export does not
 * know endpoints).
 */
export function expectedSpend(
  db: Database.Database,
  period: { start: string; end: string },
  actualThrough: string | null,
  now: Date,
  filters: Filters,
  dims: readonly Dim[],
): Expected {
  const today = now.toISOString().slice(0, 10);
  const lastDay = period.end <= addDay(today, 1) ? period.end : addDay(today, 1);
  const allEstimated = dims.includes('endpoint');
  const actualEnd =
    allEstimated || !actualThrough
      ? period.start
      : ([period.end, addDay(actualThrough, 1)].sort()[0] as string);
  const items: Item[] = actualEnd > period.start ? billedItems(db, period.start, actualEnd) : [];
  const estimateStart = actualEnd > period.start ? actualEnd : period.start;
  const estimatedDays: string[] = [];
  for (let d = estimateStart; d < lastDay; d = addDay(d, 1)) {
    estimatedDays.push(d);
    const from = Date.parse(`${d}T00:00:00Z`);
    const to = Math.min(from + DAY, now.getTime());
    if (to > from) items.push(...estimatedItems(db, from, to).items);
  }
  const groups = new Map<string, number>();
  let total = 0;
  for (const item of items) {
    if (!keep(item, filters)) continue;
    const parts = dims.map((d) => keyOf(item, d));
    if (parts.some((p) => p === null)) continue;
    total += item.cost;
    if (dims.length > 0) {
      const key = parts.join(' · ');
      groups.set(key, (groups.get(key) ?? 0) + item.cost);
    }
  }
  return { total, groups, estimatedDays };
}

/**
 * A batch prediction job whose replica-hours Google reports costs those, spread evenly over the hours they were
 * reported for (its run, or up to the last sync while it runs), per replica its hourly price covers.
 */
function usedShare(
  j: { replica_count: number; replica_hours: number | null; last_seen: string },
  startMs: number,
  endMs: number,
): number {
  if (j.replica_hours === null || j.replica_hours <= 0 || j.replica_count <= 0) return 1;
  const reportedHours = ((Number.isFinite(endMs) ? endMs : Date.parse(j.last_seen)) - startMs) / HOUR;
  return reportedHours > 0 ? j.replica_hours / reportedHours / j.replica_count : 1;
}
