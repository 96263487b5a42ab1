// Estimated spend per resource (job, deployed model, persistent resource, resource pool) over time windows, from the resource tables × the hourly
// catalog prices sync stored on them. The billing export cannot say which endpoint or job a cost belongs to, and
// it lags a day or two; these estimates fill both gaps and are always labelled "estimated".
//
// A job's hourly price covers the whole job. A deployed model's is per replica: times the replicas Monitoring
// measured in each hour where it has a measurement, else the minimum replica count sync observed at the time.
// A resource without a price has cost null and a reason, never $0.

import type { Store } from '../db/open.js';
import { addDays, type Day, eachDay, startOfDayInZone } from '../time/days.js';
import { estimateByGroup } from './groupedEstimates.js';
import type { CostWindow, ResourceCost, ResourceFilter, ResourceInfo } from './resourceTypes.js';

export type { CostWindow, ResourceCost, ResourceFilter, ResourceInfo } from './resourceTypes.js';

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
  // Each resource is a group of its own.
  const resources: ResourceInfo[] = [];
  const estimate = estimateByGroup(
    store,
    windows,
    filter,
    (r) => {
      resources.push(r);
      return r.name;
    },
    { cells: true, labels: true },
  );
  return windows.map((_, i) => {
    const costs: ResourceCost[] = [];
    resources.forEach((resource, g) => {
      const at = g * windows.length + i;
      if (!estimate.ran?.[at]) return;
      costs.push({
        ...resource,
        hours: estimate.hours?.[at] ?? 0,
        cost: estimate.priced[g] ? estimate.cells.cell(g, i) : null,
      });
    });
    return costs;
  });
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

/** The windows of the days [fromDay, toDay) in the time zone, up to now (days wholly after now are left out). */
export function dayWindows(
  opts: Pick<DailyCostOptions, 'fromDay' | 'toDay' | 'timezone' | 'now'>,
): Array<{ day: Day; window: CostWindow }> {
  const days: Array<{ day: Day; window: CostWindow }> = [];
  for (const day of eachDay(opts.fromDay, opts.toDay)) {
    const window = daysWindow(day, addDays(day, 1), opts.timezone, opts.now);
    if (window) days.push({ day, window });
  }
  return days;
}

/** Per calendar day in the time zone, up to now, the resources that ran that day and their estimated cost. */
export function dailyResourceCosts(opts: DailyCostOptions): Array<{ day: Day; costs: ResourceCost[] }> {
  const days = dayWindows(opts);
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
