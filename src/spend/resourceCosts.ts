// Estimated spend per resource (job, deployed model, persistent resource, resource pool) over time windows, from the resource tables × the hourly
// catalog prices sync stored on them. The billing export cannot say which endpoint or job a cost belongs to, and
// it lags a day or two; these estimates fill both gaps and are always labelled "estimated".
//
// A job's hourly price covers the whole job. A deployed model's is per replica: times the replicas Monitoring
// measured in each hour where it has a measurement, else the minimum replica count sync observed at the time.
// A resource without a price has cost null and a reason, never $0.

import type { Store } from '../db/open.js';
import { inSlice } from '../domain/slice.js';
import { addDays, type Day, eachDay, startOfDayInZone } from '../time/days.js';
import { rfc3339 } from '../time/instants.js';
import { capacityRuns } from './capacityRuns.js';
import { addMeasuredHours } from './measuredReplicas.js';
import { deploymentRuns, HOUR_MS, jobRuns, overlapMs, unitHours } from './resourceRuns.js';
import type { CostWindow, ResourceCost, ResourceFilter, Run } from './resourceTypes.js';

export type { CostWindow, ResourceCost, ResourceFilter } from './resourceTypes.js';

function matches(r: ResourceCost, f: ResourceFilter): boolean {
  return inSlice(r, f) && (f.names === undefined || f.names.has(r.name));
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
  // Capacity is never asked for by name (unit cost names deployed models): only in whole-slice figures.
  const capacity = filter.names === undefined ? capacityRuns(store, fromIso, toIso) : [];
  const runs = [...jobs, ...deployments.values(), ...capacity].filter((r) =>
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
