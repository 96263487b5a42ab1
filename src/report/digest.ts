import { type Finding, listOpenFindings, summarizeWaste } from '../audit/findings.js';
import type { ChannelConfig, Config, Scope } from '../config/schema.js';
import type { Store } from '../db/open.js';
import { billingBreakdown, type DailySpendRow, dailySpendRows } from '../db/queries/billingReads.js';
import { asSpendKind, SPEND_KINDS, type SpendKind } from '../domain/kinds.js';
import { inSlice, isWholeOrg } from '../domain/slice.js';
import { actualThrough as billedThrough } from '../spend/actualThrough.js';
import { type EstimateAccuracy, estimateAccuracy } from '../spend/estimateAccuracy.js';
import { addDays, type Day, dayInZone, eachDay } from '../time/days.js';
import { dailyTotals, inRange, labelPairs, sumBy, sumCost } from './aggregate.js';
import { type BudgetStatus, budgetStatus } from './budgets.js';
import { forecastMonthEnd, type MonthForecast } from './forecast.js';
import { type GenaiWeek, genaiWeek } from './genaiDigest.js';
import { type IdleCost, idleEndpointCost } from './idle.js';
import type { WeekRange } from './period.js';
import { type SavingsOpportunity, savingsOpportunities } from './savings.js';
import { type FigureSource, noEstimate, type SpendEstimator } from './source.js';
import type { SpotPricer } from './spotPrice.js';

// Weeks the "usual" level averages over.
const AVERAGE_WEEKS = 4;

export interface Mover {
  dimension: 'label' | 'sku' | 'project';
  key: string;
  current: number;
  previous: number;
  change: number;
}

export interface KindSplit {
  kind: SpendKind;
  current: number;
  previous: number;
  share: number;
}

/** One bar segment of the chart: a day's spend of one kind ("estimated" for days not billed yet). */
export interface ChartPoint {
  day: Day;
  kind: SpendKind | 'estimated';
  cost: number;
}

export interface DigestScope {
  name: string;
  scope: Scope;
  channel: string | null;
}

/** Everything the weekly digest says, unrounded; text, Block Kit and JSON are renderings of this. */
export interface WeeklyDigest {
  week: WeekRange;
  scope: DigestScope;
  timezone: string;
  /** The billing account's currency: every amount is in it. */
  currency: string;
  source: FigureSource;
  total: {
    current: number;
    previous: number;
    /** Mean of the 4 weeks before the reported one. */
    fourWeekAverage: number;
    /** Part of `current` that is a catalog estimate (days after the billing export's last day). */
    estimated: number;
  };
  byKind: KindSplit[];
  /** Billed generative-AI spend of the week with its change and top model family; null without any. */
  genai: GenaiWeek | null;
  movers: Mover[];
  idle: IdleCost;
  findings: { items: Finding[]; count: number; impactPerWeek: number; unpricedCount: number };
  budgets: BudgetStatus[];
  forecast: MonthForecast;
  savings: { items: SavingsOpportunity[]; monthlyTotal: number; unpricedCount: number };
  labelCoverage: { labelKey: string; unlabeled: number; share: number };
  /**
   * How far the catalog estimates were off once their days were billed. Kept for the whole organization only, so
   * null in a narrower scope's digest (its figures would show spend outside the scope).
   */
  accuracy: EstimateAccuracy | null;
  /** Daily totals of the reported week and the weeks before it (chart span), oldest first. */
  dailyTotals: Array<{ day: Day; cost: number }>;
  chart: ChartPoint[];
}

export interface DailyKindSpend {
  day: Day;
  kind: SpendKind;
  cost: number;
}

export interface DigestInputs {
  week: WeekRange;
  scope: DigestScope;
  timezone: string;
  currency: string;
  /** Spend rows of the reported week and the week before it, at full grain (movers, coverage, idle share). */
  rows: readonly DailySpendRow[];
  /** Spend per day and kind over the chart's span and the average's (only totals are needed that far back). */
  dailyByKind: readonly DailyKindSpend[];
  actualThrough: Day | null;
  estimatedByDay: ReadonlyMap<Day, number>;
  idle: IdleCost;
  findings: readonly Finding[];
  budgets: readonly BudgetStatus[];
  forecast: MonthForecast;
  savings: readonly SavingsOpportunity[];
  settings: Config['digest'];
  labelKeys: readonly string[];
  accuracy: EstimateAccuracy | null;
}

/** Pure: the digest model from spend rows and the other reports' results. */
export function composeDigest(input: DigestInputs): WeeklyDigest {
  const { week, rows, settings } = input;
  const actual = input.actualThrough;
  const isBilled = (r: { day: Day }) => actual === null || r.day <= actual;
  const billed = rows.filter(isBilled);
  const billedByKind = input.dailyByKind.filter(isBilled);
  const estimatedRows = [...input.estimatedByDay]
    .filter(([day]) => actual === null || day > actual)
    .map(([day, cost]) => ({ day, cost }));
  const prevStart = addDays(week.start, -7);
  const current = inRange(billed, week.start, week.end);
  const previous = inRange(billed, prevStart, week.start);
  const estimatedInWeek = inRange(estimatedRows, week.start, week.end);
  const estimated = sumCost(estimatedInWeek);
  const currentTotal = sumCost(current) + estimated;
  const previousTotal = sumCost(previous) + sumCost(inRange(estimatedRows, prevStart, week.start));
  const averageStart = addDays(week.start, -7 * AVERAGE_WEEKS);
  const fourWeekAverage =
    (sumCost(inRange(billedByKind, averageStart, week.start)) +
      sumCost(inRange(estimatedRows, averageStart, week.start))) /
    AVERAGE_WEEKS;

  const currentByKind = sumBy(current, (r) => r.kind);
  const previousByKind = sumBy(previous, (r) => r.kind);
  const byKind = SPEND_KINDS.map((kind) => ({
    kind,
    current: currentByKind.get(kind) ?? 0,
    previous: previousByKind.get(kind) ?? 0,
    share: currentTotal > 0 ? (currentByKind.get(kind) ?? 0) / currentTotal : 0,
  }));

  const movers: Mover[] = [];
  const dims: Array<[Mover['dimension'], (r: DailySpendRow) => string[]]> = [
    ['label', (r) => labelPairs(r, input.labelKeys)],
    ['sku', (r) => [r.skuDescription]],
    ['project', (r) => [r.project]],
  ];
  for (const [dimension, keysOf] of dims) {
    const cur = new Map<string, number>();
    const prev = new Map<string, number>();
    for (const r of current) for (const k of keysOf(r)) cur.set(k, (cur.get(k) ?? 0) + r.cost);
    for (const r of previous) for (const k of keysOf(r)) prev.set(k, (prev.get(k) ?? 0) + r.cost);
    for (const key of new Set([...cur.keys(), ...prev.keys()])) {
      const c = cur.get(key) ?? 0;
      const p = prev.get(key) ?? 0;
      if (c !== p) movers.push({ dimension, key, current: c, previous: p, change: c - p });
    }
  }
  movers.sort((a, b) => Math.abs(b.change) - Math.abs(a.change));

  const unlabeled = sumCost(current.filter((r) => !r.labels[settings.coverageLabel]));
  const billedCurrent = sumCost(current);

  const chartStart = addDays(week.end, -7 * settings.chartWeeks);
  const chartDays = eachDay(chartStart, week.end);
  const chart: ChartPoint[] = [];
  for (const day of chartDays) {
    const dayRows = billedByKind.filter((r) => r.day === day);
    for (const kind of SPEND_KINDS)
      chart.push({ day, kind, cost: sumCost(dayRows.filter((r) => r.kind === kind)) });
    chart.push({ day, kind: 'estimated', cost: input.estimatedByDay.get(day) ?? 0 });
  }
  const totals = dailyTotals([...billedByKind, ...estimatedRows], chartDays);

  const openItems = [...input.findings].sort((a, b) => (b.impactPerDay ?? -1) - (a.impactPerDay ?? -1));
  const waste = summarizeWaste(openItems);
  const savingsItems = [...input.savings];

  return {
    week,
    scope: input.scope,
    timezone: input.timezone,
    currency: input.currency,
    source: {
      actualThrough: actual,
      estimatedDays: estimatedInWeek.map((r) => r.day),
    },
    total: { current: currentTotal, previous: previousTotal, fourWeekAverage, estimated },
    byKind,
    genai: genaiWeek(current, previous),
    movers: movers.slice(0, settings.topN),
    idle: input.idle,
    findings: {
      items: openItems.slice(0, settings.topN),
      count: openItems.length,
      impactPerWeek: waste.pricedPerDay * 7,
      unpricedCount: waste.unpricedCount,
    },
    budgets: [...input.budgets],
    forecast: input.forecast,
    savings: {
      items: savingsItems.slice(0, settings.topN),
      monthlyTotal: savingsItems.reduce((acc, s) => acc + (s.monthlySaving ?? 0), 0),
      unpricedCount: savingsItems.filter((s) => s.monthlySaving === null).length,
    },
    labelCoverage: {
      labelKey: settings.coverageLabel,
      unlabeled,
      share: billedCurrent > 0 ? unlabeled / billedCurrent : 0,
    },
    dailyTotals: chartDays.map((day, i) => ({ day, cost: totals[i] ?? 0 })),
    chart,
    accuracy: input.accuracy,
  };
}

export interface BuildDigestOptions {
  store: Store;
  config: Config;
  week: WeekRange;
  scope: DigestScope;
  now: Date;
  estimate?: SpendEstimator;
  spotPrice?: SpotPricer;
}

/** Reads everything the digest needs for one scope from the store and composes it. */
export function buildDigest(opts: BuildDigestOptions): WeeklyDigest {
  const { store, config, week, scope, now } = opts;
  const estimate = opts.estimate ?? noEstimate;
  const settings = config.digest;
  const from = addDays(week.end, -7 * Math.max(settings.chartWeeks, AVERAGE_WEEKS + 1));
  // Rows at full grain for the two weeks compared; before them only daily totals by kind, summed by SQL from the
  // rollups (months of rows at full grain took over a gigabyte on a large organisation).
  const rows = dailySpendRows(store, addDays(week.start, -7), week.end, scope.scope);
  const dailyByKind = billingBreakdown(
    store,
    { start: from, end: week.end, projects: scope.scope.projects, labels: scope.scope.labels },
    ['day', 'kind'],
  ).groups.map((g) => ({ day: g.keys[0] as Day, kind: asSpendKind(g.keys[1] ?? ''), cost: g.cost }));
  const actualThrough = billedThrough(store.sqlite, dayInZone(now, config.timezone));
  const estimateFrom = actualThrough ? addDays(actualThrough, 1) : from;
  const estimatedByDay =
    estimateFrom < week.end ? estimate(estimateFrom, week.end, scope.scope) : new Map<Day, number>();
  const scoped = (b: Config['budgets'][number]) => isWholeOrg(scope.scope) || sameScope(b.scope, scope.scope);
  return composeDigest({
    week,
    scope,
    timezone: config.timezone,
    currency: config.currency,
    rows,
    dailyByKind,
    actualThrough,
    estimatedByDay,
    idle: idleEndpointCost(store, week, config.timezone, scope.scope, rows),
    findings: listOpenFindings(store, scope.scope),
    budgets: budgetStatus({
      store,
      config: { ...config, budgets: config.budgets.filter(scoped) },
      now,
      estimate,
    }),
    forecast: forecastMonthEnd({ store, timezone: config.timezone, now, scope: scope.scope, estimate }),
    savings: savingsOpportunities({
      store,
      config,
      now,
      ...(opts.spotPrice ? { spotPrice: opts.spotPrice } : {}),
    }).filter((s) => inSlice({ project: s.project, labels: s.labels }, scope.scope)),
    settings,
    labelKeys: config.google.billingExport.labelKeys,
    accuracy: isWholeOrg(scope.scope)
      ? estimateAccuracy(store, {
          today: dayInZone(now, config.timezone),
          tolerancePercent: config.estimates.driftTolerancePercent,
        })
      : null,
  });
}

function sameScope(a: Scope, b: Scope): boolean {
  return (
    JSON.stringify([[...a.projects].sort(), a.labels]) === JSON.stringify([[...b.projects].sort(), b.labels])
  );
}

/** The scopes a digest goes to: each channel with digest on, or the whole org when none is configured. */
export function digestScopes(config: Config, opts: { posting: boolean }): DigestScope[] {
  const channels = config.slack.channels.filter((c: ChannelConfig) => c.digest);
  const perChannel = channels.map((c) => ({
    name: c.name ? `#${c.name.replace(/^#/, '')}` : c.id,
    scope: c.scope,
    channel: c.id,
  }));
  if (opts.posting) return perChannel;
  const org: DigestScope = { name: 'whole organization', scope: { projects: [], labels: {} }, channel: null };
  return [org, ...perChannel.filter((c) => !isWholeOrg(c.scope))];
}
