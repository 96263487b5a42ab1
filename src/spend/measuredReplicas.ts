// Where Monitoring measured a deployed model's replicas, the measurement replaces the planned count.

import type { Store } from '../db/open.js';
import { measuredHoursIn, measuredHoursOf, replicaSums } from '../db/queries/traffic.js';
import { rfc3339 } from '../time/instants.js';
import { HOUR_MS, unitHours } from './resourceRuns.js';
import type { CostWindow, Run } from './resourceTypes.js';

const floorHour = (ms: number) => Math.floor(ms / HOUR_MS) * HOUR_MS;
const ceilHour = (ms: number) => Math.ceil(ms / HOUR_MS) * HOUR_MS;

/**
 * Replaces the planned replica count by the measured one in every measured hour of the priced deployments. Where
 * a deployment ran through a window's whole hours with one planned count, each such hour adds (measured −
 * planned) replicas, so SQL sums them per deployment and window; the hours at the windows' edges, and every hour
 * of a deployment that started, stopped or changed its planned count inside a window, are applied one by one.
 */
export function addMeasuredHours(
  store: Store,
  windows: readonly CostWindow[],
  priced: readonly Run[],
  used: Array<Map<Run, { hours: number; units: number }>>,
  spanFrom: number,
  spanToIso: string,
): void {
  const inner = windows.map((w) => ({ from: ceilHour(w.from.getTime()), to: floorHour(w.to.getTime()) }));
  const summable = (run: Run, i: number) => {
    const { from, to } = inner[i] as { from: number; to: number };
    if (to <= from) return true; // no whole hour: nothing summed, the edges cover it
    if (run.startMs > from || run.endMs < to) return false;
    return run.planned.every((s) => !(s.fromMs > from && s.fromMs < to) && !(s.toMs > from && s.toMs < to));
  };
  const summed: Run[] = [];
  const exact: Run[] = [];
  for (const run of priced) (windows.every((_, i) => summable(run, i)) ? summed : exact).push(run);

  /** Applies one measured hour to the windows it overlaps; `skipWhole` leaves out hours SQL summed. */
  const applyHour = (run: Run, hour: string, replicas: number, skipWhole: boolean) => {
    const hourStart = Date.parse(hour);
    const fromMs = Math.max(hourStart, run.startMs);
    const toMs = Math.min(hourStart + HOUR_MS, run.endMs);
    windows.forEach((w, i) => {
      const whole = inner[i] as { from: number; to: number };
      if (skipWhole && hourStart >= whole.from && hourStart + HOUR_MS <= whole.to) return;
      const a = Math.max(fromMs, w.from.getTime());
      const b = Math.min(toMs, w.to.getTime());
      const entry = used[i]?.get(run);
      if (b <= a || !entry) return;
      entry.units += ((b - a) / HOUR_MS) * replicas - unitHours(run.planned, a, b);
    });
  };

  if (summed.length > 0) {
    const deployments = JSON.stringify(summed.map((r) => [r.info.endpointName, r.info.deployedModelId]));
    const wholeRanges = JSON.stringify(
      inner.map((w) => (w.to > w.from ? [rfc3339(new Date(w.from)), rfc3339(new Date(w.to))] : ['', ''])),
    );
    for (const s of replicaSums(store, deployments, wholeRanges)) {
      const run = summed[s.run] as Run;
      const whole = inner[s.window] as { from: number; to: number };
      const entry = used[s.window]?.get(run);
      if (!entry) continue;
      entry.units += s.replicas - s.hours * unitHours(run.planned, whole.from, whole.from + HOUR_MS);
    }
    // The partial hours at each window's edges.
    const edges: string[][] = [];
    windows.forEach((w, i) => {
      const whole = inner[i] as { from: number; to: number };
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
        if ((b as number) > (a as number))
          edges.push([rfc3339(new Date(a as number)), rfc3339(new Date(b as number))]);
    });
    if (edges.length > 0) {
      for (const h of measuredHoursIn(store, deployments, JSON.stringify(edges)))
        applyHour(summed[h.run] as Run, h.hour, h.replicas, true);
    }
  }

  const firstHourIso = rfc3339(new Date(spanFrom - HOUR_MS));
  for (const run of exact) {
    const hours = measuredHoursOf(
      store,
      run.info.endpointName ?? '',
      run.info.deployedModelId ?? '',
      firstHourIso,
      spanToIso,
    );
    for (const h of hours) applyHour(run, h.hour, h.replicas, false);
  }
}
