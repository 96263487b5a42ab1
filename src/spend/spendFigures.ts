// Spend figures for a slice and period, as questions and App Home show them: billing-export actuals through the actual-through day, catalog-price
// estimates after it, grouped by a billing column or (estimated only) by a resource, with the previous period.
import type { Store } from '../db/open.js';
import { type BillingGroup, billingBreakdown, type SpendSlice } from '../db/queries/billingReads.js';
import { type Dimension, isResourceDimension, type Period } from '../domain/dimensions.js';
import type { Slice } from '../domain/slice.js';
import { addDays, type Day, eachDay } from '../time/days.js';
import { dailyResourceCosts, type ResourceCost } from './resourceCosts.js';

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
  unpriced: ResourceCost[];
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

function resourceKey(r: ResourceCost, d: Dimension): string | null {
  switch (d) {
    case 'endpoint':
      return r.endpoint;
    case 'model':
      return r.model ?? '(no model label)';
    case 'job':
      return r.job;
    case 'machine_type':
      return r.machineType ?? '(no machine type)';
    case 'accelerator':
      return r.accelerator ?? '(no accelerator)';
    case 'project':
      return r.project;
    case 'region':
      return r.region;
    case 'kind':
      return r.kind;
    case 'sku':
      return 'not yet billed (estimated, no SKU detail)';
    case 'day':
      return null; // the caller keys by the day itself
    case 'model_family':
    case 'token_type':
      // Estimates price machines; generative AI appears only once billed.
      return '(not generative AI)';
    default:
      return r.labels[d.slice('label:'.length)] ?? `(no ${d.slice('label:'.length)} label)`;
  }
}

/** The group of billed rows without a value for the dimension. */
function noGroupKey(group: Dimension): string {
  if (group === 'model_family' || group === 'token_type') return '(not generative AI)';
  return `(no ${group.replace(/^label:/, '')}${group.startsWith('label:') ? ' label' : ''})`;
}

function addTo(map: Map<string, number>, key: string, cost: number) {
  map.set(key, (map.get(key) ?? 0) + cost);
}

/** Per day of [start, end), up to now: the resources that ran and their estimated cost. */
function resourcesByDay(
  env: SpendEnv,
  start: Day,
  end: Day,
  filters: Slice,
): Array<{ day: Day; costs: ResourceCost[] }> {
  // Only generative-AI billing rows have a model family: no machine estimate belongs to one.
  if (filters.modelFamily !== undefined) return [];
  return dailyResourceCosts({
    store: env.store,
    fromDay: start,
    toDay: end,
    timezone: env.timezone,
    now: env.now,
    filter: {
      project: filters.project,
      region: filters.region,
      kind: filters.kind,
      labels: filters.labels,
      projects: env.scopeProjects,
    },
  });
}

/** The key of a group of several dimensions: "ml-prod · us-central1". */
export const GROUP_KEY_SEPARATOR = ' · ';

/**
 * A resource's key for every dimension on the day it ran, or null when one does not apply (jobs when grouping by
 * endpoint).
 */
function resourceKeys(r: ResourceCost, dims: readonly Dimension[], day: Day): string | null {
  const parts: string[] = [];
  for (const d of dims) {
    const part = d === 'day' ? day : resourceKey(r, d);
    if (part === null) return null;
    parts.push(part);
  }
  return parts.join(GROUP_KEY_SEPARATOR);
}

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

  let estimated = 0;
  let anyPriced = hasActual;
  const estimatedDays = estimateStart < estimateEnd ? eachDay(estimateStart, estimateEnd) : [];
  const unpriced = new Map<string, ResourceCost>();
  for (const { day, costs } of resourcesByDay(env, estimateStart, estimateEnd, filters)) {
    let dayCost = 0;
    for (const r of costs) {
      if (r.cost === null) {
        unpriced.set(r.name, r);
        continue;
      }
      anyPriced = true;
      dayCost += r.cost;
      if (dims.length > 0) addTo(groups, resourceKeys(r, dims, day) ?? '(unknown)', r.cost);
    }
    estimated += dayCost;
    dailyMap.set(day, (dailyMap.get(day) ?? 0) + dayCost);
  }
  return {
    period,
    actual,
    estimated,
    total: actual + estimated,
    estimatedDays,
    allEstimated: false,
    groups: dims[0] === 'day' ? byDay(groups) : sortGroups(groups),
    unpriced: [...unpriced.values()],
    anyPriced: anyPriced || unpriced.size === 0,
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
  const groups = new Map<string, number>();
  const unpriced = new Map<string, ResourceCost>();
  const dailyCost = new Map<Day, number>();
  let total = 0;
  let anyPriced = false;
  for (const { day, costs } of resourcesByDay(env, period.start, period.end, filters)) {
    for (const r of costs) {
      const key = resourceKeys(r, dims, day);
      if (key === null) continue; // e.g. jobs when grouping by endpoint
      if (r.cost === null) {
        unpriced.set(r.name, r);
        continue;
      }
      anyPriced = true;
      total += r.cost;
      addTo(groups, key, r.cost);
      dailyCost.set(day, (dailyCost.get(day) ?? 0) + r.cost);
    }
  }
  const days = eachDay(period.start, minDay(period.end, addDays(env.today, 1)));
  return {
    period,
    actual: 0,
    estimated: total,
    total,
    estimatedDays: days,
    allEstimated: true,
    groups: sortGroups(groups),
    unpriced: [...unpriced.values()],
    anyPriced: anyPriced || unpriced.size === 0,
    daily: days.map((day) => ({ day, cost: dailyCost.get(day) ?? 0 })),
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
