// Where Monitoring measured a deployed model's replicas, the measurement replaces the planned count.

import type { Store } from '../db/open.js';
import type { KeyPart } from '../db/queries/groupKeys.js';
import { measuredHoursIn, measuredHoursOf } from '../db/queries/traffic.js';
import { deploymentCostSums, eachTrafficSum, hourlySums } from '../db/queries/trafficDaily.js';
import type { Slice } from '../domain/slice.js';
import { rfc3339 } from '../time/instants.js';
import type { CostCells } from './costCells.js';
import { deploymentCount, HOUR_MS, unitHours } from './resourceRuns.js';
import type { CostWindow, Run } from './resourceTypes.js';

// Read every deployment's day and keep those wanted once they are more than this share of all deployments: a
// sequential read of a day costs about what a third as many seeks do.
const SCAN_SHARE = 1 / 3;

const floorHour = (ms: number) => Math.floor(ms / HOUR_MS) * HOUR_MS;
const ceilHour = (ms: number) => Math.ceil(ms / HOUR_MS) * HOUR_MS;

export interface MeasuredInput {
  store: Store;
  windows: readonly CostWindow[];
  runs: readonly Run[];
  /** The priced deployments among the runs (their indexes). */
  priced: readonly number[];
  /** The group of each run. */
  group: Int32Array;
  /** Whether run r ran in window w, at r × windows + w. */
  ran: Uint8Array;
  cells: CostCells;
  spanFrom: number;
  spanToIso: string;
  /**
   * When the groups are columns SQL has: the slice the runs are of, the group key in SQL, and the group index
   * of a key. SQL then sums the deployments it can pick by their stored bounds itself.
   */
  summed?: SqlSums | undefined;
}

export interface SqlSums {
  slice: Slice;
  key: { parts: readonly KeyPart[]; separator: string };
  groupIndex: (key: string) => number;
}

/** A window's whole hours [from, to) (empty when from ≥ to). */
interface WholeHours {
  from: number;
  to: number;
}

/**
 * The planned replica count of a deployment through the windows' whole hours, when it ran through all of them
 * with one count (its measured hours can then be read as sums); null when it started, stopped or changed its
 * count inside one, or planned different counts in different windows.
 */
function onePlannedCount(run: Run, inner: readonly WholeHours[]): number | null {
  let count: number | null = null;
  for (const { from, to } of inner) {
    if (to <= from) continue; // no whole hour: nothing summed, the edges cover it
    if (run.startMs > from || run.endMs < to) return null;
    const changesInside = run.planned.some(
      (s) => (s.fromMs > from && s.fromMs < to) || (s.toMs > from && s.toMs < to),
    );
    if (changesInside) return null;
    const planned = unitHours(run.planned, from, from + HOUR_MS);
    if (count !== null && planned !== count) return null;
    count = planned;
  }
  return count ?? 0;
}

/**
 * Adds what measured replicas change to the priced deployments' planned cost: in every measured hour, (measured −
 * planned) replicas × price. Where a deployment ran through the windows' whole hours with one planned count,
 * those hours are read as one sum per deployment and window (a day at a time from the daily traffic rollup); the
 * hours at the windows' edges, and every hour of a deployment that started, stopped or changed its planned count
 * inside a window, are applied one by one.
 */
export function addMeasuredCosts(input: MeasuredInput): void {
  const { store, windows, runs, group, ran, cells } = input;
  const inner = windows.map((w) => ({ from: ceilHour(w.from.getTime()), to: floorHour(w.to.getTime()) }));
  const summed: Array<{ run: number; planned: number }> = [];
  const exact: number[] = [];
  for (const r of input.priced) {
    const planned = onePlannedCount(runs[r] as Run, inner);
    if (planned === null) exact.push(r);
    else summed.push({ run: r, planned });
  }

  /** Applies one measured hour to the windows it overlaps; `skipWhole` leaves out hours read as sums. */
  const applyHour = (r: number, hour: string, replicas: number, skipWhole: boolean) => {
    const run = runs[r] as Run;
    const price = run.hourlyPrice ?? 0;
    const hourStart = Date.parse(hour);
    const fromMs = Math.max(hourStart, run.startMs);
    const toMs = Math.min(hourStart + HOUR_MS, run.endMs);
    windows.forEach((w, i) => {
      const whole = inner[i] as WholeHours;
      if (skipWhole && hourStart >= whole.from && hourStart + HOUR_MS <= whole.to) return;
      const a = Math.max(fromMs, w.from.getTime());
      const b = Math.min(toMs, w.to.getTime());
      if (b <= a || ran[r * windows.length + i] === 0) return;
      cells.add(group[r] ?? 0, i, price * (((b - a) / HOUR_MS) * replicas - unitHours(run.planned, a, b)));
    });
  };

  if (summed.length > 0) {
    const wholeRanges = inner.map((w) =>
      w.to > w.from ? ([rfc3339(w.from), rfc3339(w.to)] as const) : (['', ''] as const),
    );
    const byRows = input.summed ? sumInSql(input, input.summed, summed, inner, wholeRanges) : summed;
    const deployments = byRows.map(({ run: r }) => {
      const info = (runs[r] as Run).info;
      return [info.endpointName ?? '', info.deployedModelId ?? ''] as const;
    });
    const scanDays = byRows.length > deploymentCount(store) * SCAN_SHARE;
    eachTrafficSum(
      store,
      deployments,
      wholeRanges,
      { measure: 'replicas', scanDays },
      (d, window, replicas, hours) => {
        const { run: r, planned } = byRows[d] as { run: number; planned: number };
        const price = (runs[r] as Run).hourlyPrice ?? 0;
        cells.add(group[r] ?? 0, window, price * (replicas - hours * planned));
      },
    );
    // The partial hours at each window's edges.
    const edges: string[][] = [];
    windows.forEach((w, i) => {
      const whole = inner[i] as WholeHours;
      const from = floorHour(w.from.getTime());
      const to = ceilHour(w.to.getTime());
      const parts =
        whole.to > whole.from
          ? [
              [from, whole.from],
              [whole.to, to],
            ]
          : [[from, to]];
      for (const [a, b] of parts)
        if ((b as number) > (a as number)) edges.push([rfc3339(a as number), rfc3339(b as number)]);
    });
    if (edges.length > 0) {
      const pairs = JSON.stringify(
        summed.map(({ run: r }) => {
          const info = (runs[r] as Run).info;
          return [info.endpointName ?? '', info.deployedModelId ?? ''];
        }),
      );
      for (const h of measuredHoursIn(store, pairs, JSON.stringify(edges)))
        applyHour((summed[h.run] as { run: number }).run, h.hour, h.replicas, true);
    }
  }

  const firstHourIso = rfc3339(input.spanFrom - HOUR_MS);
  for (const r of exact) {
    const run = runs[r] as Run;
    const hours = measuredHoursOf(
      store,
      run.info.endpointName ?? '',
      run.info.deployedModelId ?? '',
      firstHourIso,
      input.spanToIso,
    );
    for (const h of hours) applyHour(r, h.hour, h.replicas, false);
  }
}

/**
 * Has SQL sum the measured replicas' part per group for the deployments it can pick by their stored bounds —
 * priced, in the slice, deployed since before the first whole hour and not undeployed before the last — that
 * planned their minimum replica count throughout; the others it picks by those bounds are left out for the rows
 * path. Returns the summed deployments SQL did not take. Worth it when they are many: SQL reads every
 * deployment's day either way.
 */
function sumInSql(
  input: MeasuredInput,
  sql: SqlSums,
  summed: ReadonlyArray<{ run: number; planned: number }>,
  inner: readonly WholeHours[],
  wholeRanges: ReadonlyArray<readonly [string, string]>,
): ReadonlyArray<{ run: number; planned: number }> {
  const { store, runs, cells } = input;
  const whole = inner.filter((w) => w.to > w.from);
  if (whole.length === 0 || summed.length <= deploymentCount(store) * SCAN_SHARE) return summed;
  const since = rfc3339(Math.min(...whole.map((w) => w.from)));
  const until = rfc3339(Math.max(...whole.map((w) => w.to)));
  // The same test SQL makes, on the same stored text.
  const picked = (r: number) => {
    const stored = (runs[r] as Run).stored;
    return (
      stored !== undefined &&
      stored.since <= since &&
      (stored.undeployedAt === null || stored.undeployedAt >= until)
    );
  };
  const taken = new Map<number, number>();
  for (const { run: r, planned } of summed) {
    if (picked(r) && planned === (runs[r] as Run).stored?.minReplicas) taken.set(r, planned);
  }
  const pairOf = (r: number) => {
    const info = (runs[r] as Run).info;
    return [info.endpointName ?? '', info.deployedModelId ?? ''] as const;
  };
  const excluded = input.priced.filter((r) => picked(r) && !taken.has(r)).map(pairOf);
  const { sums, hourly } = deploymentCostSums(
    store,
    wholeRanges,
    { slice: sql.slice, since, until, excluded },
    sql.key,
  );
  for (const [key, window, cost] of sums) cells.add(sql.groupIndex(key), window, cost);
  if (hourly.length > 0) {
    // Days SQL could not sum (a cut day with hours on both sides of the cut), per deployment, hour by hour.
    const runOf = new Map([...taken.keys()].map((r) => [pairOf(r).join('\u0000'), r]));
    const reads = hourly.map((h) => [h.endpointName, h.deployedModelId, h.from, h.to] as const);
    for (const [at, replicas, hours] of hourlySums(store, reads, 'replicas')) {
      const h = hourly[at] as (typeof hourly)[number];
      const r = runOf.get(`${h.endpointName}\u0000${h.deployedModelId}`);
      if (r === undefined) continue;
      const price = (runs[r] as Run).hourlyPrice ?? 0;
      cells.add(input.group[r] ?? 0, h.range, price * (replicas - hours * (taken.get(r) ?? 0)));
    }
  }
  return summed.filter(({ run: r }) => !taken.has(r));
}
