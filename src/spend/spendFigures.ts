// Spend figures for a slice and period, as questions and App Home show them: billing-export actuals through the actual-through day, catalog-price
// estimates after it, grouped by a billing column or (estimated only) by a resource, with the previous period.
import type { Store } from '../db/open.js';
import { type BillingGroup, billingBreakdown, type SpendSlice } from '../db/queries/billingReads.js';
import { type Dimension, isResourceDimension, type Period } from '../domain/dimensions.js';
import type { Slice } from '../domain/slice.js';
import { addDays, type Day, eachDay } from '../time/days.js';
import { estimateByGroup } from './groupedEstimates.js';
import { DAY_PLACEHOLDER, GROUP_KEY_SEPARATOR, resourceKeys, sqlGroupKey } from './groupKeys.js';
import { dayWindows, type ResourceInfo } from './resourceCosts.js';

export interface SpendEnv {
  store: Store;
  timezone: string;
  now: Date;
  today: Day;
  actualThrough: Day | null;
  /** Projects a channel's scope restricts answers to (empty = all). */
  scopeProjects?: readonly string[];
}

export interface GroupFigure {
  key: string;
  cost: number;
}

export interface SpendFigures {
  period: Period;
  /** Billing-export spend for the days it covers. */
  actual: number;
  /** Catalog-price estimate for days after the actual-through day (and up to now). */
  estimated: number;
  total: number;
  /** Days of the period counted from estimates. */
  estimatedDays: Day[];
  /** True when every figure is an estimate (grouping by a resource). */
  allEstimated: boolean;
  groups: GroupFigure[];
  /** Resources whose cost could not be estimated (no catalog price). */
  unpriced: ResourceInfo[];
  /** Anything in the total has a price: billed days, or a resource with a catalog price. */
  anyPriced: boolean;
  daily: Array<{ day: Day; cost: number }>;
}

function sliceOf(period: Period, filters: Slice, env: SpendEnv): SpendSlice {
  return {
    start: period.start,
    end: period.end,
    project: filters.project,
    region: filters.region,
    kind: filters.kind,
    labels: filters.labels,
    projects: env.scopeProjects,
    modelFamily: filters.modelFamily,
  };
}

/** The group of billed rows without a value for the dimension. */
function noGroupKey(group: Dimension): string {
  if (group === 'model_family' || group === 'token_type') return '(not generative AI)';
  return `(no ${group.replace(/^label:/, '')}${group.startsWith('label:') ? ' label' : ''})`;
}

function addTo(map: Map<string, number>, key: string, cost: number) {
  map.set(key, (map.get(key) ?? 0) + cost);
}

/** The estimate of some days: cost per group and per day, whether anything priced ran, and what had no price. */
interface DaysEstimate {
  groups: Map<string, number>;
  byDay: Map<Day, number>;
  anyPriced: boolean;
  unpriced: ResourceInfo[];
}

/**
 * The estimate of [start, end), up to now, a day at a time, with each resource in the group its keys for `dims`
 * name (a day's key is the day itself; null leaves the resource out): cost per group and per day, and what was
 * not priced. A group a priced resource ran in is listed even at $0.
 */
function estimateDays(
  env: SpendEnv,
  start: Day,
  end: Day,
  filters: Slice,
  dims: readonly Dimension[],
  groupOf: (resource: ResourceInfo) => string | null,
): DaysEstimate {
  const none: DaysEstimate = { groups: new Map(), byDay: new Map(), anyPriced: false, unpriced: [] };
  // Only generative-AI billing rows have a model family: no machine estimate belongs to one.
  if (filters.modelFamily !== undefined) return none;
  const days = dayWindows({ fromDay: start, toDay: end, timezone: env.timezone, now: env.now });
  // Grouping by endpoint leaves every resource but deployed models out, by job every one but jobs: those are not
  // read at all.
  const type = dims.includes('endpoint') ? 'deployment' : dims.includes('job') ? 'job' : undefined;
  const byDayKey = dims.includes('day');
  const estimate = estimateByGroup(
    env.store,
    days.map((d) => d.window),
    {
      project: filters.project,
      region: filters.region,
      kind: filters.kind,
      labels: filters.labels,
      projects: env.scopeProjects,
      type,
    },
    groupOf,
    {
      cells: byDayKey,
      labels: dims.some((d) => d === 'model' || d.startsWith('label:')),
      sqlKey: sqlGroupKey(dims) ?? undefined,
    },
  );
  const groups = new Map<string, number>();
  estimate.keys.forEach((key, g) => {
    if (!byDayKey) {
      if (estimate.priced[g]) groups.set(key, estimate.cells.groupCost[g] ?? 0);
      return;
    }
    days.forEach(({ day }, i) => {
      if (!estimate.pricedRan?.[g * days.length + i]) return;
      const dayKey = key.replaceAll(DAY_PLACEHOLDER, day);
      groups.set(dayKey, (groups.get(dayKey) ?? 0) + estimate.cells.cell(g, i));
    });
  });
  return {
    groups,
    byDay: new Map(days.map((d, i) => [d.day, estimate.cells.windowCost[i] ?? 0])),
    anyPriced: estimate.priced.some((p) => p === 1),
    unpriced: estimate.unpriced,
  };
}

export { GROUP_KEY_SEPARATOR } from './groupKeys.js';

/** Spend over a period, optionally grouped by one dimension or by two ("by project and region"). */
export function spendFigures(
  env: SpendEnv,
  period: Period,
  filters: Slice,
  grouping?: Dimension | readonly Dimension[],
): SpendFigures {
  const dims: readonly Dimension[] =
    grouping === undefined ? [] : typeof grouping === 'string' ? [grouping] : grouping;
  if (dims.some((d) => isResourceDimension(d))) return resourceFigures(env, period, filters, dims);
  const slice = sliceOf(period, filters, env);
  const actualEnd = env.actualThrough ? minDay(period.end, addDays(env.actualThrough, 1)) : period.start;
  const estimateStart = maxDay(period.start, actualEnd);
  const estimateEnd = minDay(period.end, addDays(env.today, 1));

  const actualSlice = { ...slice, end: actualEnd };
  const hasActual = actualEnd > period.start;
  // Total, groups and daily series come from one read (the group is left out when there is none).
  const billingDims = dims as readonly BillingGroup[];
  const billed = hasActual ? billingBreakdown(env.store, actualSlice, billingDims) : null;
  const actual = billed?.total ?? 0;
  const groups = new Map<string, number>();
  if (dims.length > 0 && billed) {
    for (const g of billed.groups) {
      const key = g.keys.map((k, i) => k ?? noGroupKey(dims[i] as Dimension)).join(GROUP_KEY_SEPARATOR);
      addTo(groups, key, g.cost);
    }
  }
  const dailyMap = billed?.daily ?? new Map<Day, number>();

  const estimatedDays = estimateStart < estimateEnd ? eachDay(estimateStart, estimateEnd) : [];
  const estimate = estimateDays(env, estimateStart, estimateEnd, filters, dims, (r) =>
    dims.length > 0 ? (resourceKeys(r, dims) ?? '(unknown)') : '',
  );
  if (dims.length > 0) for (const [key, cost] of estimate.groups) addTo(groups, key, cost);
  let estimated = 0;
  // Each day's estimate is added to the period's in day order, as in the daily series.
  for (const [day, dayCost] of estimate.byDay) {
    estimated += dayCost;
    dailyMap.set(day, (dailyMap.get(day) ?? 0) + dayCost);
  }
  const anyPriced = hasActual || estimate.anyPriced;
  return {
    period,
    actual,
    estimated,
    total: actual + estimated,
    estimatedDays,
    allEstimated: false,
    groups: dims[0] === 'day' ? byDay(groups) : sortGroups(groups),
    unpriced: estimate.unpriced,
    anyPriced: anyPriced || estimate.unpriced.length === 0,
    daily: eachDay(period.start, minDay(period.end, addDays(env.today, 1))).map((day) => ({
      day,
      cost: dailyMap.get(day) ?? 0,
    })),
  };
}

function resourceFigures(
  env: SpendEnv,
  period: Period,
  filters: Slice,
  dims: readonly Dimension[],
): SpendFigures {
  const estimate = estimateDays(env, period.start, period.end, filters, dims, (r) => resourceKeys(r, dims));
  let total = 0;
  for (const cost of estimate.byDay.values()) total += cost;
  const days = eachDay(period.start, minDay(period.end, addDays(env.today, 1)));
  return {
    period,
    actual: 0,
    estimated: total,
    total,
    estimatedDays: days,
    allEstimated: true,
    groups: sortGroups(estimate.groups),
    unpriced: estimate.unpriced,
    anyPriced: estimate.anyPriced || estimate.unpriced.length === 0,
    daily: days.map((day) => ({ day, cost: estimate.byDay.get(day) ?? 0 })),
  };
}

/** A day grouping reads in calendar order. */
function byDay(groups: Map<string, number>): GroupFigure[] {
  return [...groups.entries()]
    .map(([key, cost]) => ({ key, cost }))
    .sort((a, b) => a.key.localeCompare(b.key));
}

function sortGroups(groups: Map<string, number>): GroupFigure[] {
  return [...groups.entries()]
    .map(([key, cost]) => ({ key, cost }))
    .sort((a, b) => b.cost - a.cost || a.key.localeCompare(b.key));
}

function minDay(a: Day, b: Day): Day {
  return a < b ? a : b;
}

function maxDay(a: Day, b: Day): Day {
  return a > b ? a : b;
}
