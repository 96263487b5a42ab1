// The App Home summary: month-to-date spend with forecast, top cost drivers, open findings, last sync.

import { listOpenFindings, summarizeWaste } from '../audit/findings.js';
import { latestSyncPass } from '../db/queries/syncState.js';
import type { BarChartData } from '../report/chartData.js';
import { forecastMonthEnd, type MonthForecast } from '../report/forecast.js';
import { catalogEstimator } from '../report/source.js';
import { actualThrough as billedThrough } from '../spend/actualThrough.js';
import { type SpendFigures, spendFigures } from '../spend/spendFigures.js';
import { addDays, dayInZone, formatRange, startOfMonth } from '../time/days.js';
import type { AskContext } from './context.js';

// Cost drivers shown on the Home tab.
const HOME_TOP_DRIVERS = 5;

export interface LastSync {
  at: string;
  ok: boolean;
  scopes: number;
  failedScopes: number;
  error: string | null;
}

export interface HomeSummary {
  today: string;
  timezone: string;
  /** The billing account's currency: every amount is in it. */
  currency: string;
  monthToDate: SpendFigures;
  forecast: MonthForecast;
  topDrivers: Array<{ key: string; cost: number; share: number }>;
  openFindings: number;
  openFindingsPerDay: number;
  lastSync: LastSync | null;
  actualThrough: string | null;
  /** Month-to-date spend by kind as a chart; null when nothing was spent yet. */
  chart: BarChartData | null;
}

export async function buildHomeSummary(ctx: AskContext): Promise<HomeSummary> {
  const now = ctx.clock.now();
  const timezone = ctx.config.timezone;
  const today = dayInZone(now, timezone);
  const actualThrough = billedThrough(ctx.store.sqlite, today);
  // App Home is no channel: a configured scope (slack.defaultScope) narrows it like a DM. Its projects go where
  // spend figures read a scope's projects (the environment), as for a question; its labels are a filter.
  const scope = ctx.scope;
  const env = { store: ctx.store, timezone, now, today, actualThrough, scopeProjects: scope?.projects ?? [] };
  const slice = scope ? { labels: scope.labels } : {};
  const month = { start: startOfMonth(today), end: addDays(today, 1) };
  const mtd = spendFigures(env, month, slice, 'sku');
  const sum = mtd.groups.reduce((a, g) => a + g.cost, 0);
  const forecast = forecastMonthEnd({
    store: ctx.store,
    timezone,
    now,
    estimate: catalogEstimator(ctx.store, timezone, now),
    ...(scope ? { scope } : {}),
  });
  const findings = listOpenFindings(ctx.store, scope);
  return {
    today,
    timezone,
    currency: ctx.config.currency,
    monthToDate: mtd,
    forecast,
    topDrivers: mtd.groups
      .slice(0, HOME_TOP_DRIVERS)
      .map((g) => ({ key: g.key, cost: g.cost, share: sum !== 0 ? g.cost / sum : 0 })),
    openFindings: findings.length,
    openFindingsPerDay: summarizeWaste(findings).pricedPerDay,
    lastSync: lastSync(ctx),
    actualThrough,
    chart: byKindChart(spendFigures(env, month, slice, 'kind'), today),
  };
}

/** Month to date by kind: a bar per kind with spend, in the order of their spend. */
function byKindChart(byKind: SpendFigures, today: string): BarChartData | null {
  const bars = byKind.groups
    .filter((g) => g.cost !== 0)
    .map((g) => ({ key: g.key, current: g.cost, previous: null }));
  if (bars.length === 0) return null;
  const range = formatRange(byKind.period.start, byKind.period.end, Number(today.slice(0, 4)));
  return {
    type: 'bars',
    title: `Vertex AI spend by kind, month to date (${range})`,
    unit: 'total',
    currentLabel: range,
    previousLabel: null,
    bars,
    omitted: 0,
  };
}

function lastSync(ctx: AskContext): LastSync | null {
  const rows = latestSyncPass(ctx.store);
  if (!rows) return null;
  const failed = rows.filter((r) => !r.ok);
  const at =
    rows
      .map((r) => r.ended_at ?? r.started_at)
      .sort()
      .at(-1) ?? '';
  return {
    at,
    ok: failed.length === 0,
    scopes: rows.length,
    failedScopes: failed.length,
    error: failed[0]?.error ?? null,
  };
}
