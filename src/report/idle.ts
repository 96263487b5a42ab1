import { IDLE_ENDPOINT_RULE } from '../audit/rules/idleEndpoint.js';
import type { Scope } from '../config/schema.js';
import { parseLabels } from '../db/labels.js';
import type { Store } from '../db/open.js';
import type { DailySpendRow } from '../db/queries/billingReads.js';
import { pricedFindingsOfRule } from '../db/queries/findings.js';
import { dedicatedTrafficByDay } from '../db/queries/traffic.js';
import { inSlice } from '../domain/slice.js';
import { eachDay, startOfDayInZone } from '../time/days.js';
import { rfc3339 } from '../time/instants.js';
import { sumCost } from './aggregate.js';
import type { WeekRange } from './period.js';

const HOUR_MS = 3_600_000;

export interface IdleEndpointCost {
  name: string;
  project: string;
  cost: number;
}

export interface IdleCost {
  /** Cost of idle endpoints during the week; null when there is nothing to base it on. */
  cost: number | null;
  /** cost / the week's billed spend in scope. */
  share: number | null;
  source: 'findings' | 'traffic' | 'none';
  /** Says where the figure comes from, for the reader. */
  note: string;
  endpoints: IdleEndpointCost[];
}

/**
 * The cost of idle endpoints over a week: from the auditor's idle-endpoint findings when there are any (their
 * daily impact × the part of the week they were open), else from traffic data (dedicated replicas on local days
 * with no prediction at all).
 */
export function idleEndpointCost(
  store: Store,
  week: WeekRange,
  timeZone: string,
  scope: Scope,
  weekRows: readonly DailySpendRow[],
): IdleCost {
  const startMs = startOfDayInZone(week.start, timeZone).getTime();
  const endMs = startOfDayInZone(week.end, timeZone).getTime();
  const weekSpend = sumCost(weekRows.filter((r) => r.day >= week.start && r.day < week.end));
  // The week's idle cost from these endpoints, costliest first, with its share of the week's billed spend.
  const total = (source: IdleCost['source'], note: string, endpoints: IdleEndpointCost[]): IdleCost => {
    const cost = endpoints.reduce((a, e) => a + e.cost, 0);
    return {
      cost,
      share: weekSpend > 0 ? cost / weekSpend : null,
      source,
      note,
      endpoints: endpoints.sort((a, b) => b.cost - a.cost),
    };
  };

  const fromFindings = idleFromFindings(store, startMs, endMs, scope);
  if (fromFindings.length > 0) {
    return total('findings', 'from the auditor’s idle-endpoint findings', fromFindings);
  }
  const fromTraffic = idleFromTraffic(store, week, timeZone, scope);
  if (fromTraffic === null) {
    return {
      cost: null,
      share: null,
      source: 'none',
      note: 'no audit findings or traffic data for the week',
      endpoints: [],
    };
  }
  return total(
    'traffic',
    'estimated from traffic data (days without any prediction × replica prices); no idle-endpoint finding was open that week',
    fromTraffic.filter((e) => e.cost > 0),
  );
}

function idleFromFindings(store: Store, startMs: number, endMs: number, scope: Scope): IdleEndpointCost[] {
  const rows = pricedFindingsOfRule(store, IDLE_ENDPOINT_RULE);
  const out: IdleEndpointCost[] = [];
  for (const r of rows) {
    if (!inSlice({ project: r.project, labels: parseLabels(r.labels) }, scope)) continue;
    const from = Math.max(startMs, Date.parse(r.first_seen));
    const closed = r.resolved_at ?? r.acted_at;
    const to = Math.min(endMs, closed ? Date.parse(closed) : endMs);
    if (to <= from) continue;
    out.push({
      name: r.title,
      project: r.project,
      cost: (r.impact_per_day * (to - from)) / (24 * HOUR_MS),
    });
  }
  return out;
}

function idleFromTraffic(
  store: Store,
  week: WeekRange,
  timeZone: string,
  scope: Scope,
): IdleEndpointCost[] | null {
  // The week's local midnights: a model's local day is idle when none of its hours saw a prediction.
  const dayStarts = [...eachDay(week.start, week.end), week.end].map((day) =>
    rfc3339(startOfDayInZone(day, timeZone).getTime()),
  );
  const days = dedicatedTrafficByDay(store, dayStarts).filter((d) =>
    inSlice({ project: d.project, labels: parseLabels(d.labels) }, scope),
  );
  if (days.length === 0) return null;
  const perModel = new Map<string, IdleEndpointCost>();
  for (const d of days) {
    const key = `${d.endpoint_name}|${d.deployed_model_id}`;
    const entry = perModel.get(key) ?? { name: d.display_name, project: d.project, cost: 0 };
    if (!d.busy) entry.cost += d.cost;
    perModel.set(key, entry);
  }
  return [...perModel.values()];
}
