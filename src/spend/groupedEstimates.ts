// Estimated cost of what ran, summed per group and window: the jobs, deployed models and capacity of the windows,
// each put in a group by the caller (a project, an endpoint, a resource of its own), priced by the hours they
// planned to use, and the measured replicas' part added from sums per deployment and window (a day of the daily
// traffic rollup is one row) rather than hour by hour. When every group is a column the resource tables have,
// SQL sums priced jobs and most deployments' measured replicas per group itself.

import type { Store } from '../db/open.js';
import { jobCostSums } from '../db/queries/jobs.js';
import { inSlice } from '../domain/slice.js';
import { rfc3339 } from '../time/instants.js';
import { capacityRuns } from './capacityRuns.js';
import { CostCells } from './costCells.js';
import type { SqlGroupKey } from './groupKeys.js';
import { addMeasuredCosts } from './measuredReplicas.js';
import { deploymentRuns, HOUR_MS, jobRuns, overlapMs, unitHours } from './resourceRuns.js';
import type { CostWindow, ResourceFilter, ResourceInfo, Run } from './resourceTypes.js';

export interface GroupedEstimate {
  /** The groups, by index, in the order they were met. */
  keys: readonly string[];
  /** Whether a priced resource of the group ran in any window (a group of unpriced ones only has no cost). */
  priced: Uint8Array;
  cells: CostCells;
  /** With cells kept: hours run per group and window (at group × windows + window). */
  hours: Float64Array | null;
  /** With cells kept: whether a resource of the group ran in the window. */
  ran: Uint8Array | null;
  /** With cells kept: whether a priced resource of the group ran in the window. */
  pricedRan: Uint8Array | null;
  /** Resources without a price that ran in a window, in the order met, window by window. */
  unpriced: ResourceInfo[];
}

export interface GroupOptions {
  /** Keep the cost of every group in every window; else only per group and per window. */
  cells: boolean;
  /**
   * Whether the groups (or what the caller does with the resources) read labels, a job's model among them; a
   * label filter reads them anyway. Without, jobs' labels are not read: every job's are empty.
   */
  labels: boolean;
  /**
   * The group keys as SQL computes them (what `groupOf` returns, in SQL): priced jobs and most deployments'
   * measured replicas are then summed per group in SQL, and only jobs without a price are read.
   */
  sqlKey?: SqlGroupKey | undefined;
}

function matches(info: ResourceInfo, f: ResourceFilter): boolean {
  return inSlice(info, f) && (f.names === undefined || f.names.has(info.name));
}

/** The resources of the filter that overlap [fromIso, toIso): jobs, deployed models, then capacity. */
function candidateRuns(
  store: Store,
  fromIso: string,
  toIso: string,
  filter: ResourceFilter,
  opts: { labels: boolean; unpricedJobsOnly: boolean },
): Run[] {
  // Named deployed models only (unit cost), or grouped by endpoint: the jobs of the window are not read at all.
  const jobsWanted =
    filter.type !== 'deployment' &&
    (filter.names === undefined || [...filter.names].some((n) => !n.includes('/deployedModels/')));
  // Capacity is never asked for by name (unit cost names deployed models), nor a job or an endpoint.
  const capacityWanted = filter.type === undefined && filter.names === undefined;
  const jobs = { labels: opts.labels, unpricedOnly: opts.unpricedJobsOnly };
  return [
    ...(jobsWanted ? jobRuns(store, fromIso, toIso, jobs) : []),
    ...(filter.type !== 'job' ? deploymentRuns(store, fromIso, toIso, filter.names) : []),
    ...(capacityWanted ? capacityRuns(store, fromIso, toIso) : []),
  ];
}

/**
 * Every job, deployed model and piece of capacity of the filter that ran in the windows, put in the group
 * `groupOf` names (null leaves it out), with its cost over the hours it ran in each window. Windows should not
 * reach past "now": a running resource counts up to a window's end. A resource without a price is listed as
 * unpriced, never $0.
 */
export function estimateByGroup(
  store: Store,
  windows: readonly CostWindow[],
  filter: ResourceFilter,
  groupOf: (resource: ResourceInfo) => string | null,
  opts: GroupOptions,
): GroupedEstimate {
  const count = windows.length;
  const keys: string[] = [];
  const indexOf = new Map<string, number>();
  const groupIndex = (key: string): number => {
    let index = indexOf.get(key);
    if (index === undefined) {
      index = keys.length;
      indexOf.set(key, index);
      keys.push(key);
    }
    return index;
  };
  // A key SQL summed deployments under: the group their runs are in here (the two compute keys alike).
  const knownGroup = (key: string): number => {
    const index = indexOf.get(key);
    if (index === undefined) throw new Error(`no group "${key}" among the deployments estimated`);
    return index;
  };
  // SQL sums by group only for the whole slice's resources, never for named ones.
  const sqlKey = filter.names === undefined && filter.type === undefined ? opts.sqlKey : undefined;
  const runs: Run[] = [];
  const groups: number[] = [];
  const spanFrom = count > 0 ? Math.min(...windows.map((w) => w.from.getTime())) : 0;
  const spanTo = count > 0 ? Math.max(...windows.map((w) => w.to.getTime())) : 0;
  const span = { fromIso: rfc3339(spanFrom), toIso: rfc3339(spanTo) };
  const labels = opts.labels || Object.keys(filter.labels ?? {}).length > 0;
  if (count > 0) {
    const candidates = candidateRuns(store, span.fromIso, span.toIso, filter, {
      labels,
      unpricedJobsOnly: sqlKey !== undefined,
    });
    for (const run of candidates) {
      if (!matches(run.info, filter)) continue;
      const key = groupOf(run.info);
      if (key === null) continue;
      runs.push(run);
      groups.push(groupIndex(key));
    }
  }
  const pricedJobs =
    sqlKey && count > 0
      ? jobCostSums(
          store,
          span,
          windows.map((w) => [w.from.getTime(), w.to.getTime()] as const),
          filter,
          { parts: sqlKey.jobs, separator: sqlKey.separator },
        ).map(([key, window, cost]) => ({ group: groupIndex(key), window, cost }))
      : [];
  const group = Int32Array.from(groups);
  const cells = new CostCells(keys.length, count, opts.cells);
  const hours = opts.cells ? new Float64Array(keys.length * count) : null;
  const groupRan = opts.cells ? new Uint8Array(keys.length * count) : null;
  const pricedRan = opts.cells ? new Uint8Array(keys.length * count) : null;
  const ran = new Uint8Array(runs.length * count);
  const priced = new Uint8Array(keys.length);
  const pricedDeployments: number[] = [];

  // The planned part: a job's hourly price times the share it used, a deployed model's per replica planned.
  runs.forEach((run, r) => {
    const g = group[r] ?? 0;
    windows.forEach((w, i) => {
      const fromMs = w.from.getTime();
      const toMs = w.to.getTime();
      const ranMs = overlapMs(run.startMs, run.endMs, fromMs, toMs);
      if (ranMs <= 0) return;
      ran[r * count + i] = 1;
      const at = g * count + i;
      if (hours && groupRan) {
        hours[at] = (hours[at] ?? 0) + ranMs / HOUR_MS;
        groupRan[at] = 1;
      }
      if (run.hourlyPrice === null) return;
      priced[g] = 1;
      if (pricedRan) pricedRan[at] = 1;
      cells.add(g, i, run.hourlyPrice * unitHours(run.planned, fromMs, toMs));
    });
    if (run.info.type === 'deployment' && run.hourlyPrice !== null) pricedDeployments.push(r);
  });
  // Jobs with a price, as SQL summed them (a job runs on one stretch, so its share of each window is exact).
  for (const { group: g, window, cost } of pricedJobs) {
    priced[g] = 1;
    if (pricedRan) pricedRan[g * count + window] = 1;
    cells.add(g, window, cost);
  }

  // What was not priced, window by window.
  const unpriced: ResourceInfo[] = [];
  const listed = new Set<string>();
  for (let i = 0; i < count; i++) {
    runs.forEach((run, r) => {
      if (run.hourlyPrice !== null || ran[r * count + i] === 0 || listed.has(run.info.name)) return;
      listed.add(run.info.name);
      unpriced.push(run.info);
    });
  }

  // Hours Monitoring measured replicas for replace the planned count for those hours.
  if (pricedDeployments.length > 0) {
    addMeasuredCosts({
      store,
      windows,
      runs,
      priced: pricedDeployments,
      group,
      ran,
      cells,
      spanFrom,
      spanToIso: span.toIso,
      summed: sqlKey
        ? {
            slice: filter,
            key: { parts: sqlKey.deployments, separator: sqlKey.separator },
            groupIndex: knownGroup,
          }
        : undefined,
    });
  }
  return { keys, priced, cells, hours, ran: groupRan, pricedRan, unpriced };
}
