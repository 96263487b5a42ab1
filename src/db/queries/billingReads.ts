// Spend from the billing export (billing_daily and its rollups): totals, group-bys and daily series over a day
// range, and the rows reports split several ways. Each read goes to the narrowest rollup that covers the filters
// and the group (see src/db/schema/rollups.ts); only combinations no rollup covers read billing_daily.

import { asSpendKind, type SpendKind } from '../../domain/kinds.js';
import type { Slice } from '../../domain/slice.js';
import { parseLabels } from '../labels.js';
import { allRows, type Conn } from '../rows.js';
import { fromRows, type Read, type SpendBreakdown, sortByCost } from './billingSums.js';
import { allOf, BILLING_COLUMNS, dayRange, labelPath, sliceWhere, type Where } from './sliceWhere.js';

export type { GroupedSpend, SpendBreakdown } from './billingSums.js';

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

// Net cost: credits are stored negative, so spend after discounts is cost + credits.
const NET_COST = 'SUM(cost + credits)';

type ColumnGroup = Exclude<BillingGroup, `label:${string}`>;

const GROUP_COLUMN: Record<ColumnGroup, string> = {
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

function labelOf(group: BillingGroup): string | undefined {
  return group.startsWith('label:') ? group.slice('label:'.length) : undefined;
}

/**
 * Net spend of a slice with its groups (by none, one or two dimensions) and daily series, from one grouped read
 * of the narrowest rollup that covers the slice's filters and the groups, or from billing_daily for combinations
 * no rollup covers (several label keys, or labels together with projects).
 */
export function billingBreakdown(
  conn: Conn,
  slice: SpendSlice,
  groups: readonly BillingGroup[] = [],
): SpendBreakdown {
  const labelFilters = Object.entries(slice.labels ?? {});
  const groupLabels = groups.map(labelOf).filter((k): k is string => k !== undefined);
  const labelKeys = new Set([...labelFilters.map(([k]) => k), ...groupLabels]);
  const byProject = slice.project !== undefined || (slice.projects?.length ?? 0) > 0;
  const rawOnly = slice.modelFamily !== undefined || groups.some((g) => RAW_ONLY_GROUPS.has(g));
  if (rawOnly || labelKeys.size > 1 || (labelKeys.size === 1 && (byProject || groups.includes('project')))) {
    return fromRows(conn, rawRead(slice, groups)).breakdown;
  }
  const [labelKey] = labelKeys;
  if (labelKey === undefined)
    return fromRows(conn, rollupRead(slice, groups as ColumnGroup[], byProject)).breakdown;
  labelPath(labelKey); // validates the key, as the raw path does
  const labelAt = groups.findIndex((g) => labelOf(g) !== undefined);
  if (labelAt < 0 || labelFilters.length > 0)
    return fromRows(conn, labelRead(slice, labelKey, groups)).breakdown;
  // Grouped by the label alone: its groups are what is read here; total and series come from the whole.
  const labelled = fromRows(conn, labelRead(slice, labelKey, groups), { days: false });
  // Grouping by a label: per value of the other groups, the spend without the label is the whole's minus the
  // labelled spend.
  const others = groups.filter((_, i) => i !== labelAt) as ColumnGroup[];
  const all = fromRows(conn, rollupRead(slice, others, false));
  const labelledByOthers = new Map<string, { cost: number; rows: number }>();
  for (const g of labelled.breakdown.groups) {
    const key = JSON.stringify(g.keys.filter((_, i) => i !== labelAt));
    const entry = labelledByOthers.get(key) ?? { cost: 0, rows: 0 };
    entry.cost += g.cost;
    entry.rows += labelled.rowsByGroup.get(JSON.stringify(g.keys)) ?? 0;
    labelledByOthers.set(key, entry);
  }
  const result = [...labelled.breakdown.groups];
  for (const g of all.breakdown.groups) {
    const key = JSON.stringify(g.keys);
    const withLabel = labelledByOthers.get(key) ?? { cost: 0, rows: 0 };
    if ((all.rowsByGroup.get(key) ?? 0) - withLabel.rows <= 0) continue;
    const keys = [...g.keys];
    keys.splice(labelAt, 0, null);
    result.push({ keys, cost: g.cost - withLabel.cost });
  }
  sortByCost(result);
  return { total: all.breakdown.total, groups: result, daily: all.breakdown.daily };
}

/** The day range and the slice's non-label tests, on a rollup (with or without its project column). */
function rollupWhere(slice: SpendSlice, withProject: boolean): Where {
  return allOf(
    dayRange(slice.start, slice.end),
    sliceWhere(slice, { ...BILLING_COLUMNS, project: withProject ? 'project' : null, labels: null }),
  );
}

function rollupRead(slice: SpendSlice, groups: readonly ColumnGroup[], byProject: boolean): Read {
  // Per project and day is the smallest table for a project group alone, unless a filter needs more; the SKU
  // rollup (region, kind, SKU) covers everything without a project; the full rollup covers the rest.
  const withProject = byProject || groups.includes('project');
  const table = !withProject
    ? 'billing_sku_daily'
    : groups.length === 1 &&
        groups[0] === 'project' &&
        !byProject &&
        slice.region === undefined &&
        slice.kind === undefined
      ? 'billing_project_daily'
      : 'billing_rollup_daily';
  const w = rollupWhere(slice, table === 'billing_rollup_daily');
  return {
    from: `FROM ${table} WHERE ${w.clauses.join(' AND ')}`,
    params: w.params,
    keys: groups.map((g) => GROUP_COLUMN[g]),
    keyParams: [],
    cost: 'SUM(net)',
    count: 'SUM(rows)',
    raw: false,
  };
}

function labelRead(slice: SpendSlice, labelKey: string, groups: readonly BillingGroup[]): Read {
  const w = rollupWhere(slice, false);
  const value = slice.labels?.[labelKey];
  const clauses = ['label_key = ?', ...(value !== undefined ? ['label_value = ?'] : []), ...w.clauses];
  const params = [labelKey, ...(value !== undefined ? [value] : []), ...w.params];
  return {
    from: `FROM billing_label_daily WHERE ${clauses.join(' AND ')}`,
    params,
    keys: groups.map((g) => (labelOf(g) !== undefined ? 'label_value' : GROUP_COLUMN[g as ColumnGroup])),
    keyParams: [],
    cost: 'SUM(net)',
    count: 'SUM(rows)',
    raw: false,
  };
}

function rawRead(slice: SpendSlice, groups: readonly BillingGroup[]): Read {
  const w = allOf(dayRange(slice.start, slice.end), sliceWhere(slice, BILLING_COLUMNS));
  const expressions: string[] = [];
  const params: unknown[] = [];
  for (const g of groups) {
    const label = labelOf(g);
    expressions.push(label ? 'json_extract(labels, ?)' : GROUP_COLUMN[g as ColumnGroup]);
    if (label) params.push(labelPath(label));
  }
  return {
    from: `FROM billing_daily WHERE ${w.clauses.join(' AND ')}`,
    params: w.params,
    keys: expressions,
    keyParams: params,
    cost: NET_COST,
    count: 'COUNT(*)',
    raw: true,
  };
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
 * Spend rows in [fromDay, toDay), restricted to a slice's projects, labels and kind, at the grain reports need to
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
    sliceWhere({ projects: slice.projects, labels: slice.labels, kind: slice.kind }, BILLING_COLUMNS),
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
  // A few hundred thousand rows share a few thousand label sets and SKU names: one copy of each, not one per row
  // (the digest and the daily checks hold a couple of months of rows at once).
  const labelSets = new Map<string, Record<string, string>>();
  const names = new Map<string, string>();
  const one = (text: string): string => {
    const kept = names.get(text);
    if (kept !== undefined) return kept;
    names.set(text, text);
    return text;
  };
  return rows.map((r) => {
    const labels = labelSets.get(r.labels) ?? parseLabels(r.labels);
    labelSets.set(r.labels, labels);
    return {
      ...r,
      day: one(r.day),
      project: one(r.project),
      skuId: one(r.skuId),
      skuDescription: one(r.skuDescription),
      kind: asSpendKind(r.kind),
      labels,
    };
  });
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

/** The first day the billing export has rows for, or null when it has none. */
export function firstBillingDay(conn: Conn): string | null {
  return (
    allRows(conn, 'first billing day', { day: 'text?' }, 'SELECT MIN(day) AS day FROM billing_sku_daily')[0]
      ?.day ?? null
  );
}
