// Spend from the billing export (billing_daily): totals, group-bys and daily series over a day range. Every value
// that comes from a question (project, region, label key and value) is a bound parameter, never SQL text.
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

/** Net spend in the slice (0 when there are no rows). */
export function billingTotal(store: Store, slice: SpendSlice): number {
  const w = where(slice);
  const row = store.sqlite
    .prepare(`SELECT ${NET_COST} AS total FROM billing_daily WHERE ${w.sql}`)
    .get(...w.params) as {
    total: number | null;
  };
  return row.total ?? 0;
}

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

/** Net spend per group, largest first. */
export function billingByGroup(store: Store, slice: SpendSlice, group: BillingGroup): GroupedSpend[] {
  const w = where(slice);
  const g = groupExpression(group);
  return store.sqlite
    .prepare(
      `SELECT ${g.expr} AS key, ${NET_COST} AS cost FROM billing_daily WHERE ${w.sql} GROUP BY 1 ORDER BY cost DESC, key`,
    )
    .all(...g.params, ...w.params) as GroupedSpend[];
}

/** Net spend per day (days without rows are absent). */
export function billingByDay(store: Store, slice: SpendSlice): Map<Day, number> {
  const w = where(slice);
  const rows = store.sqlite
    .prepare(`SELECT day, ${NET_COST} AS cost FROM billing_daily WHERE ${w.sql} GROUP BY day ORDER BY day`)
    .all(...w.params) as Array<{ day: Day; cost: number }>;
  return new Map(rows.map((r) => [r.day, r.cost]));
}

/** Projects that appear in the resource tables (small), for recognizing bare project ids in questions. */
export function knownProjects(store: Store): string[] {
  const rows = store.sqlite
    .prepare('SELECT project FROM jobs UNION SELECT project FROM endpoints ORDER BY 1')
    .all() as Array<{ project: string }>;
  return rows.map((r) => r.project);
}
