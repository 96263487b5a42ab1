// Spend from the billing export (billing_daily and its rollups): totals, group-bys and daily series over a day
// range. Every value that comes from a question (project, region, label key and value) is a bound parameter,
// never SQL text.
import type { Store } from '../db/open.js';
import type { Day } from '../time/days.js';

/** A slice of spend: day range [start, end) plus optional filters. */
export interface SpendSlice {
  start: Day;
  end: Day;
  project?: string | undefined;
  region?: string | undefined;
  kind?: string | undefined;
  labels?: Readonly<Record<string, string>> | undefined;
  /** Further projects to restrict to (a channel's or budget's scope); empty = all. */
  projects?: readonly string[] | undefined;
}

/** Billing columns a spend can be grouped by; `label:<key>` groups by a label value. */
export type BillingGroup = 'project' | 'region' | 'kind' | 'sku' | `label:${string}`;

export interface GroupedSpend {
  /** The group's value; null when the row has none (e.g. no such label). */
  key: string | null;
  cost: number;
}

const LABEL_KEY_RE = /^[a-z][a-z0-9_-]{0,62}$/;

export class SpendQueryError extends Error {
  override name = 'SpendQueryError';
}

/** JSON path for a label key; keys are validated first so the path is always well-formed. */
export function labelPath(key: string): string {
  if (!LABEL_KEY_RE.test(key)) throw new SpendQueryError(`"${key}" is not a label key`);
  return `$."${key}"`;
}

function where(slice: SpendSlice): { sql: string; params: unknown[] } {
  const clauses = ['day >= ?', 'day < ?'];
  const params: unknown[] = [slice.start, slice.end];
  if (slice.project !== undefined) {
    clauses.push('project = ?');
    params.push(slice.project);
  }
  if (slice.projects && slice.projects.length > 0) {
    clauses.push(`project IN (${slice.projects.map(() => '?').join(', ')})`);
    params.push(...slice.projects);
  }
  if (slice.region !== undefined) {
    clauses.push('location = ?');
    params.push(slice.region);
  }
  if (slice.kind !== undefined) {
    clauses.push('kind = ?');
    params.push(slice.kind);
  }
  for (const [key, value] of Object.entries(slice.labels ?? {})) {
    clauses.push('json_extract(labels, ?) = ?');
    params.push(labelPath(key), value);
  }
  return { sql: clauses.join(' AND '), params };
}

// Net cost: credits are stored negative, so spend after discounts is cost + credits.
const NET_COST = 'SUM(cost + credits)';

function groupExpression(group: BillingGroup): { expr: string; params: unknown[] } {
  switch (group) {
    case 'project':
      return { expr: 'project', params: [] };
    case 'region':
      return { expr: 'location', params: [] };
    case 'kind':
      return { expr: 'kind', params: [] };
    case 'sku':
      return { expr: 'sku_description', params: [] };
    default:
      return { expr: 'json_extract(labels, ?)', params: [labelPath(group.slice('label:'.length))] };
  }
}

/** Net spend of a slice three ways at once: total, per group and per day (days without spend are absent). */
export interface SpendBreakdown {
  total: number;
  groups: GroupedSpend[];
  daily: Map<Day, number>;
}

interface Read {
  sql: string;
  params: unknown[];
}

/**
 * Net spend of a slice with its groups and daily series, from one grouped read of the narrowest rollup that
 * covers the slice's filters and the group (see src/db/schema/rollups.ts), or from billing_daily for
 * combinations no rollup covers (several label keys, or labels together with projects).
 */
export function billingBreakdown(store: Store, slice: SpendSlice, group?: BillingGroup): SpendBreakdown {
  const labelFilters = Object.entries(slice.labels ?? {});
  const groupLabel = group?.startsWith('label:') ? group.slice('label:'.length) : undefined;
  const labelKeys = new Set([...labelFilters.map(([k]) => k), ...(groupLabel ? [groupLabel] : [])]);
  const byProject = slice.project !== undefined || (slice.projects?.length ?? 0) > 0;
  if (labelKeys.size > 1 || (labelKeys.size === 1 && (byProject || group === 'project'))) {
    return fromRows(store, rawRead(slice, group)).breakdown;
  }
  const [labelKey] = labelKeys;
  if (labelKey === undefined) return fromRows(store, rollupRead(slice, group, byProject)).breakdown;
  labelPath(labelKey); // validates the key, as the raw path does
  const labelled = labelRead(slice, labelKey, group);
  if (!groupLabel || labelFilters.length > 0) return fromRows(store, labelled).breakdown;
  // Grouping by a label: the spend without it is the whole slice's minus the labelled spend.
  const all = fromRows(store, rollupRead(slice, undefined, false));
  const withLabel = fromRows(store, labelled);
  const unlabelledRows = all.rows - withLabel.rows;
  const groups = [...withLabel.breakdown.groups];
  if (unlabelledRows > 0) {
    groups.push({ key: null, cost: all.breakdown.total - withLabel.breakdown.total });
    sortByCost(groups);
  }
  return { total: all.breakdown.total, groups, daily: all.breakdown.daily };
}

/** Filters common to every rollup; the project ones only where the table has the project. */
function rollupWhere(slice: SpendSlice, withProject: boolean): { clauses: string[]; params: unknown[] } {
  const clauses = ['day >= ?', 'day < ?'];
  const params: unknown[] = [slice.start, slice.end];
  if (withProject && slice.project !== undefined) {
    clauses.push('project = ?');
    params.push(slice.project);
  }
  if (withProject && slice.projects && slice.projects.length > 0) {
    clauses.push(`project IN (${slice.projects.map(() => '?').join(', ')})`);
    params.push(...slice.projects);
  }
  if (slice.region !== undefined) {
    clauses.push('location = ?');
    params.push(slice.region);
  }
  if (slice.kind !== undefined) {
    clauses.push('kind = ?');
    params.push(slice.kind);
  }
  return { clauses, params };
}

const ROLLUP_COLUMN: Record<Exclude<BillingGroup, `label:${string}`>, string> = {
  project: 'project',
  region: 'location',
  kind: 'kind',
  sku: 'sku_description',
};

function rollupRead(slice: SpendSlice, group: BillingGroup | undefined, byProject: boolean): Read {
  const column =
    group && !group.startsWith('label:') ? ROLLUP_COLUMN[group as keyof typeof ROLLUP_COLUMN] : null;
  // Per project and day is the smallest table for a project group, unless a region or kind filter needs more.
  const table =
    byProject || (group === 'project' && (slice.region !== undefined || slice.kind !== undefined))
      ? 'billing_rollup_daily'
      : group === 'project'
        ? 'billing_project_daily'
        : 'billing_sku_daily';
  const w = rollupWhere(slice, table === 'billing_rollup_daily');
  return {
    sql: `SELECT day, ${column ?? 'NULL'} AS key, SUM(net) AS cost, SUM(rows) AS n FROM ${table}
           WHERE ${w.clauses.join(' AND ')} GROUP BY day${column ? ', key' : ''}`,
    params: w.params,
  };
}

function labelRead(slice: SpendSlice, labelKey: string, group: BillingGroup | undefined): Read {
  const w = rollupWhere(slice, false);
  const value = slice.labels?.[labelKey];
  const clauses = ['label_key = ?', ...(value !== undefined ? ['label_value = ?'] : []), ...w.clauses];
  const params = [labelKey, ...(value !== undefined ? [value] : []), ...w.params];
  const column =
    group === undefined ? 'NULL' : group.startsWith('label:') ? 'label_value' : ROLLUP_COLUMN[group as 'sku'];
  return {
    sql: `SELECT day, ${column} AS key, SUM(net) AS cost, SUM(rows) AS n FROM billing_label_daily
           WHERE ${clauses.join(' AND ')} GROUP BY day${group === undefined ? '' : ', key'}`,
    params,
  };
}

function rawRead(slice: SpendSlice, group: BillingGroup | undefined): Read {
  const w = where(slice);
  const g = group ? groupExpression(group) : { expr: 'NULL', params: [] };
  return {
    sql: `SELECT day, ${g.expr} AS key, ${NET_COST} AS cost, COUNT(*) AS n FROM billing_daily
           WHERE ${w.sql} GROUP BY day, key`,
    params: [...g.params, ...w.params],
  };
}

/** Runs a read and folds its (day, key) rows into total, groups and daily series; `rows` counts billing rows. */
function fromRows(store: Store, read: Read): { breakdown: SpendBreakdown; rows: number } {
  const rows = store.sqlite.prepare(read.sql).all(...read.params) as Array<{
    day: Day;
    key: string | null;
    cost: number;
    n: number;
  }>;
  const groups = new Map<string | null, number>();
  const daily = new Map<Day, number>();
  let total = 0;
  let count = 0;
  for (const r of rows) {
    total += r.cost;
    count += r.n;
    groups.set(r.key, (groups.get(r.key) ?? 0) + r.cost);
    daily.set(r.day, (daily.get(r.day) ?? 0) + r.cost);
  }
  const list = [...groups].map(([key, cost]) => ({ key, cost }));
  sortByCost(list);
  return { breakdown: { total, groups: list, daily }, rows: count };
}

/** Largest first, then by key, as billingByGroup orders. */
function sortByCost(groups: GroupedSpend[]): void {
  groups.sort((a, b) => b.cost - a.cost || (a.key ?? '').localeCompare(b.key ?? ''));
}

/** Projects that appear in the resource tables (small), for recognizing bare project ids in questions. */
export function knownProjects(store: Store): string[] {
  // Jobs run to the hundred thousand over a few hundred projects: step from one project to the next through the
  // (project, region) index, one seek per project, instead of reading every job.
  const rows = store.sqlite
    .prepare(
      `WITH RECURSIVE p(project) AS (
         SELECT MIN(project) FROM jobs
         UNION ALL SELECT (SELECT MIN(project) FROM jobs WHERE project > p.project) FROM p WHERE p.project IS NOT NULL)
       SELECT project FROM p WHERE project IS NOT NULL UNION SELECT project FROM endpoints ORDER BY 1`,
    )
    .all() as Array<{ project: string }>;
  return rows.map((r) => r.project);
}
