// Spend from the billing export (billing_daily and its rollups): totals, group-bys and daily series over a day
// range, and the rows reports split several ways. Each read goes to the narrowest rollup that covers the filters
// and the group (see src/db/schema/rollups.ts); only combinations no rollup covers read billing_daily.

import { asSpendKind, type SpendKind } from '../../domain/kinds.js';
import type { Slice } from '../../domain/slice.js';
import { parseLabels } from '../labels.js';
import { allRows, type Conn } from '../rows.js';
import { allOf, BILLING_COLUMNS, dayRange, labelPath, sliceWhere, type Where } from './sliceWhere.js';

/** A slice of spend: day range [start, end) plus the slice's filters. */
export interface SpendSlice extends Slice {
  start: string;
  end: string;
}

/** Billing columns a spend can be grouped by; `label:<key>` groups by a label value. */
export type BillingGroup =
  | 'project'
  | 'region'
  | 'kind'
  | 'sku'
  | 'day'
  | 'model_family'
  | 'token_type'
  | `label:${string}`;

export interface GroupedSpend {
  /** The group's value; null when the row has none (e.g. no such label). */
  key: string | null;
  cost: number;
}

/** Net spend of a slice three ways at once: total, per group and per day (days without spend are absent). */
export interface SpendBreakdown {
  total: number;
  groups: GroupedSpend[];
  daily: Map<string, number>;
}

interface Read {
  sql: string;
  params: unknown[];
}

// Net cost: credits are stored negative, so spend after discounts is cost + credits.
const NET_COST = 'SUM(cost + credits)';

const GROUP_COLUMN: Record<Exclude<BillingGroup, `label:${string}`>, string> = {
  project: 'project',
  region: 'location',
  kind: 'kind',
  sku: 'sku_description',
  day: 'day',
  model_family: 'model_family',
  token_type: 'token_type',
};

// Generative-AI columns are in billing_daily only: no rollup carries them.
const RAW_ONLY_GROUPS: ReadonlySet<BillingGroup> = new Set(['model_family', 'token_type']);

function labelOf(group: BillingGroup | undefined): string | undefined {
  return group?.startsWith('label:') ? group.slice('label:'.length) : undefined;
}

/**
 * Net spend of a slice with its groups and daily series, from one grouped read of the narrowest rollup that
 * covers the slice's filters and the group, or from billing_daily for combinations no rollup covers (several
 * label keys, or labels together with projects).
 */
export function billingBreakdown(conn: Conn, slice: SpendSlice, group?: BillingGroup): SpendBreakdown {
  const labelFilters = Object.entries(slice.labels ?? {});
  const groupLabel = labelOf(group);
  const labelKeys = new Set([...labelFilters.map(([k]) => k), ...(groupLabel ? [groupLabel] : [])]);
  const byProject = slice.project !== undefined || (slice.projects?.length ?? 0) > 0;
  const rawOnly = slice.modelFamily !== undefined || (group !== undefined && RAW_ONLY_GROUPS.has(group));
  if (rawOnly || labelKeys.size > 1 || (labelKeys.size === 1 && (byProject || group === 'project'))) {
    return fromRows(conn, rawRead(slice, group)).breakdown;
  }
  const [labelKey] = labelKeys;
  if (labelKey === undefined) return fromRows(conn, rollupRead(slice, group, byProject)).breakdown;
  labelPath(labelKey); // validates the key, as the raw path does
  const labelled = labelRead(slice, labelKey, group);
  if (!groupLabel || labelFilters.length > 0) return fromRows(conn, labelled).breakdown;
  // Grouping by a label: the spend without it is the whole slice's minus the labelled spend.
  const all = fromRows(conn, rollupRead(slice, undefined, false));
  const withLabel = fromRows(conn, labelled);
  const unlabelledRows = all.rows - withLabel.rows;
  const groups = [...withLabel.breakdown.groups];
  if (unlabelledRows > 0) {
    groups.push({ key: null, cost: all.breakdown.total - withLabel.breakdown.total });
    sortByCost(groups);
  }
  return { total: all.breakdown.total, groups, daily: all.breakdown.daily };
}

/** The day range and the slice's non-label tests, on a rollup (with or without its project column). */
function rollupWhere(slice: SpendSlice, withProject: boolean): Where {
  return allOf(
    dayRange(slice.start, slice.end),
    sliceWhere(slice, { ...BILLING_COLUMNS, project: withProject ? 'project' : null, labels: null }),
  );
}

function rollupRead(slice: SpendSlice, group: BillingGroup | undefined, byProject: boolean): Read {
  const column =
    group && !group.startsWith('label:') ? GROUP_COLUMN[group as keyof typeof GROUP_COLUMN] : null;
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
    group === undefined ? 'NULL' : group.startsWith('label:') ? 'label_value' : GROUP_COLUMN[group as 'sku'];
  return {
    sql: `SELECT day, ${column} AS key, SUM(net) AS cost, SUM(rows) AS n FROM billing_label_daily
           WHERE ${clauses.join(' AND ')} GROUP BY day${group === undefined ? '' : ', key'}`,
    params,
  };
}

function rawRead(slice: SpendSlice, group: BillingGroup | undefined): Read {
  const w = allOf(dayRange(slice.start, slice.end), sliceWhere(slice, BILLING_COLUMNS));
  const label = labelOf(group);
  const expr =
    group === undefined ? 'NULL' : label ? 'json_extract(labels, ?)' : GROUP_COLUMN[group as 'sku'];
  return {
    sql: `SELECT day, ${expr} AS key, ${NET_COST} AS cost, COUNT(*) AS n FROM billing_daily
           WHERE ${w.clauses.join(' AND ')} GROUP BY day, key`,
    params: [...(label ? [labelPath(label)] : []), ...w.params],
  };
}

const BREAKDOWN_ROW = { day: 'text', key: 'text?', cost: 'number', n: 'number' } as const;

/** Runs a read and folds its (day, key) rows into total, groups and daily series; `rows` counts billing rows. */
function fromRows(conn: Conn, read: Read): { breakdown: SpendBreakdown; rows: number } {
  const rows = allRows(conn, 'billing breakdown', BREAKDOWN_ROW, read.sql, ...read.params);
  const groups = new Map<string | null, number>();
  const daily = new Map<string, number>();
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

/** Largest first, then by key. */
function sortByCost(groups: GroupedSpend[]): void {
  groups.sort((a, b) => b.cost - a.cost || (a.key ?? '').localeCompare(b.key ?? ''));
}

/** One billing-export aggregate: a day's net cost (cost + credits) for a project, SKU and label set. */
export interface DailySpendRow {
  day: string;
  project: string;
  skuId: string;
  skuDescription: string;
  kind: SpendKind;
  labels: Record<string, string>;
  cost: number;
  /** The generative-AI model family of the SKU (genai rows only). */
  modelFamily?: string | null;
}

const DAILY_SPEND_ROW = {
  day: 'text',
  project: 'text',
  skuId: 'text',
  skuDescription: 'text',
  kind: 'text',
  labels: 'text',
  cost: 'number',
  modelFamily: 'text?',
} as const;

/**
 * Spend rows in [fromDay, toDay), restricted to a slice's projects and labels, at the grain reports need to
 * split one result several ways (kind, project, SKU, labels) without a query per split.
 */
export function dailySpendRows(
  conn: Conn,
  fromDay: string,
  toDay: string,
  slice: Slice = {},
): DailySpendRow[] {
  const w = allOf(
    dayRange(fromDay, toDay),
    sliceWhere({ projects: slice.projects, labels: slice.labels }, BILLING_COLUMNS),
  );
  const rows = allRows(
    conn,
    'daily spend rows',
    DAILY_SPEND_ROW,
    `SELECT day, project, sku_id AS skuId, sku_description AS skuDescription, kind, labels,
            SUM(cost + credits) AS cost, MAX(model_family) AS modelFamily
       FROM billing_daily WHERE ${w.clauses.join(' AND ')}
      GROUP BY day, project, sku_id, kind, labels
      ORDER BY day`,
    ...w.params,
  );
  return rows.map((r) => ({ ...r, kind: asSpendKind(r.kind), labels: parseLabels(r.labels) }));
}

/** Net billed spend per day and kind in [fromDay, toDay), from the SKU rollup (days without spend are absent). */
export function billedByDayAndKind(
  conn: Conn,
  fromDay: string,
  toDay: string,
): Array<{ day: string; kind: SpendKind; cost: number }> {
  const rows = allRows(
    conn,
    'billed spend by day and kind',
    { day: 'text', kind: 'text', cost: 'number' },
    `SELECT day, kind, SUM(net) AS cost FROM billing_sku_daily WHERE day >= ? AND day < ? GROUP BY day, kind`,
    fromDay,
    toDay,
  );
  return rows.map((r) => ({ ...r, kind: asSpendKind(r.kind) }));
}
