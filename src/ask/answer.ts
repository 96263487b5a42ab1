// Parsed question → answer model, from what the pipeline stored. Each intent states its period in words and
// dates and where its figures come from; a missing price is "unpriced", never $0.
import type { Clock } from '../app/clock.js';
import type { Logger } from '../app/logger.js';
import { type Finding, listOpenFindings, summarizeWaste } from '../audit/findings.js';
import { IDLE_ENDPOINT_RULE } from '../audit/rules/idleEndpoint.js';
import { billingActualThrough } from '../collect/syncState.js';
import type { Config, Scope } from '../config/schema.js';
import { parseLabels } from '../db/labels.js';
import type { Store } from '../db/open.js';
import { formatChange, formatMaybeMoney, formatMoney, formatShare, sparkline } from '../money/format.js';
import { budgetStatus } from '../report/budgets.js';
import { forecastMonthEnd } from '../report/forecast.js';
import { savingsOpportunities } from '../report/savings.js';
import { catalogEstimator } from '../report/source.js';
import { knownProjects } from '../spend/billingQueries.js';
import { daysWindow, type ResourceCost, resourceCosts, sumResourceCosts } from '../spend/resourceCosts.js';
import { dayInZone, formatDay, formatRange, startOfDayInZone } from '../time/days.js';
import { examplesFor, HELP_LINES } from './examples.js';
import { type ParseResult, parseQuestion } from './parse/index.js';
import { describePeriod, previousPeriod } from './periods.js';
import {
  anyFindingRecorded,
  dedicatedDeployments,
  dedicatedDeploymentTraffic,
  deployedModelsWithEndpoints,
  jobsInStates,
  lastSuccessfulSyncAt,
  predictionsServed,
} from './reads.js';
import { isResourceDimension, type SpendEnv, type SpendFigures, spendFigures } from './spendAnswer.js';
import type {
  Answer,
  AnswerRow,
  AnswerSource,
  AskFilters,
  ParsedQuestion,
  Period,
  QuestionOf,
} from './types.js';

export interface AskContext {
  store: Store;
  config: Config;
  clock: Clock;
  log?: Logger;
  /** Restricts answers to a channel's scope (its projects and labels). */
  scope?: Scope;
}

// Rows listed in a text answer; the JSON carries them all.
const LISTED_ROWS = 10;
// Active job states: the job holds machines right now.
const RUNNING_JOB_STATES = ['QUEUED', 'PENDING', 'RUNNING', 'CANCELLING', 'UPDATING'];

interface Base<Q extends ParsedQuestion = ParsedQuestion> {
  ctx: AskContext;
  q: Q;
  env: SpendEnv;
  filters: AskFilters;
}

type AnswerParts = Partial<Answer> & Pick<Answer, 'headline'>;

/** Answers a question with the same engine everywhere (Slack, CLI). */
export async function askQuestion(ctx: AskContext, text: string): Promise<Answer> {
  const now = ctx.clock.now();
  const tz = ctx.config.timezone;
  const today = dayInZone(now, tz);
  const projects = [
    ...new Set([...ctx.config.google.projects.map((p) => p.id), ...knownProjects(ctx.store)]),
  ];
  const q = parseQuestion(text, { today, labelKeys: ctx.config.google.billingExport.labelKeys, projects });
  const filters = withScope(q.filters, ctx.scope);
  const env: SpendEnv = {
    store: ctx.store,
    timezone: tz,
    now,
    today,
    actualThrough: billingActualThrough(ctx.store.sqlite),
    scopeProjects: ctx.scope?.projects ?? [],
  };
  const common = { ctx, env, filters };
  if (!q.understood) return notUnderstood({ ...common, q });
  switch (q.intent) {
    case 'help':
      return helpAnswer({ ...common, q });
    case 'running':
      return runningAnswer({ ...common, q });
    case 'idle':
      return idleAnswer({ ...common, q });
    case 'alerts':
      return alertsAnswer({ ...common, q });
    case 'forecast':
      return forecastAnswer({ ...common, q });
    case 'budget':
      return budgetAnswer({ ...common, q });
    case 'savings':
      return savingsAnswer({ ...common, q });
    case 'unit_cost':
      return unitCostAnswer({ ...common, q });
    case 'spend':
    case 'compare':
    case 'top':
      return spendAnswer({ ...common, q });
  }
}

/** A channel's scope narrows every answer there; its labels win over the question's for the same key. */
function withScope(filters: AskFilters, scope: Scope | undefined): AskFilters {
  if (!scope || Object.keys(scope.labels).length === 0) return filters;
  return { ...filters, labels: { ...filters.labels, ...scope.labels } };
}

function answer(b: Base, parts: AnswerParts): Answer {
  const details = parts.details ?? [];
  const sourceNote = parts.sourceNote ?? '';
  const examples = parts.examples ?? [];
  const lines = [parts.headline, ...details];
  if (examples.length) lines.push('Questions that work:', ...examples.map((e) => `  • ${e}`));
  if (sourceNote) lines.push(sourceNote);
  return {
    understood: parts.understood ?? true,
    intent: b.q.intent,
    period: b.q.period,
    groupBy: b.q.groupBy,
    filters: b.q.filters,
    total: parts.total ?? null,
    currency: 'USD',
    rows: parts.rows ?? [],
    source: parts.source ?? { actualThrough: b.env.actualThrough, estimated: false },
    text: lines.join('\n'),
    headline: parts.headline,
    details,
    sourceNote,
    examples,
  };
}

function describeFilters(filters: AskFilters): string {
  const parts: string[] = [];
  if (filters.kind) parts.push(filters.kind);
  if (filters.project) parts.push(`project ${filters.project}`);
  if (filters.region) parts.push(`region ${filters.region}`);
  for (const [k, v] of Object.entries(filters.labels ?? {})) parts.push(`${k}=${v}`);
  return parts.length ? ` for ${parts.join(', ')}` : '';
}

function periodText(b: Base, period: Period | null = b.q.period): string {
  if (!period) return '';
  const words =
    period === b.q.period ? (b.q.periodWords ?? (b.q.intent === 'forecast' ? null : 'month to date')) : null;
  return describePeriod(period, words, b.env.today);
}

function rangeText(b: Base, period: Period): string {
  return formatRange(period.start, period.end, Number(b.env.today.slice(0, 4)));
}

function sourceOf(b: Base, figures: SpendFigures): AnswerSource {
  return {
    actualThrough: b.env.actualThrough,
    estimated: figures.allEstimated || figures.estimatedDays.length > 0,
  };
}

function sourceSentence(b: Base, figures: SpendFigures): string {
  const year = Number(b.env.today.slice(0, 4));
  const actual = b.env.actualThrough
    ? `billing export through ${formatDay(b.env.actualThrough, year)}`
    : 'no billing export data yet';
  if (figures.allEstimated) {
    return `Source: estimated from catalog prices × hours the jobs and deployed models ran (the billing export cannot split by this); ${actual}.`;
  }
  const days = figures.estimatedDays;
  const first = days[0];
  const last = days[days.length - 1];
  if (!first || !last) return `Source: ${actual}.`;
  const span = first === last ? formatDay(first, year) : `${formatDay(first, year)}–${formatDay(last, year)}`;
  return `Source: ${actual}; ${span} estimated from catalog prices (not billed yet).`;
}

function rowsOf(figures: SpendFigures, limit?: number | null): AnswerRow[] {
  const sum = figures.groups.reduce((a, g) => a + g.cost, 0);
  const rows = figures.groups.map((g) => ({ key: g.key, cost: g.cost, share: sum !== 0 ? g.cost / sum : 0 }));
  return limit ? rows.slice(0, limit) : rows;
}

function unpricedLine(unpriced: readonly ResourceCost[]): string[] {
  if (unpriced.length === 0) return [];
  const names = unpriced.slice(0, 5).map((r) => `${r.displayName} (${r.unpricedReason ?? 'no price'})`);
  const more = unpriced.length > 5 ? ` and ${unpriced.length - 5} more` : '';
  return [`Unpriced, not included: ${names.join(', ')}${more}.`];
}

function spendAnswer(b: Base<QuestionOf<'spend' | 'compare' | 'top'>>): Answer {
  const { q, env, filters } = b;
  const period = q.period;
  const group = q.groupBy[0];
  const current = spendFigures(env, period, filters, group);
  const comparison = q.intent === 'compare' ? q.comparison : previousPeriod(period);
  const previous = spendFigures(env, comparison, filters, q.intent === 'compare' ? (group ?? 'sku') : group);
  const what = isResourceDimension(group) ? 'Estimated Vertex AI spend' : 'Vertex AI spend';
  const change = `${formatChange(current.total, previous.total)} vs ${rangeText(b, comparison)} (${formatMoney(previous.total)})`;
  const headline = `${what}${describeFilters(filters)}, ${periodText(b, period)}: ${formatMoney(current.total)} (${change})`;
  const details: string[] = [];
  const rows = rowsOf(current, q.intent === 'top' ? q.topN : null);
  if (group) {
    const shown = rows.slice(0, q.intent === 'top' ? q.topN : LISTED_ROWS);
    const label = group.replace(/^label:/, '');
    details.push(`${q.intent === 'top' ? `Top ${shown.length} by ${label}` : `By ${label}`}:`);
    const prevByKey = new Map(previous.groups.map((g) => [g.key, g.cost]));
    for (const r of shown) {
      details.push(
        `${r.key}: ${formatMoney(r.cost)} (${formatShare(r.share)}, ${formatChange(r.cost, prevByKey.get(r.key) ?? 0)})`,
      );
    }
    const hidden = current.groups.length - shown.length;
    if (hidden > 0) {
      const rest = current.groups.slice(shown.length).reduce((a, g) => a + g.cost, 0);
      details.push(`…and ${hidden} more: ${formatMoney(rest)}`);
    }
    if (current.groups.length === 0) details.push('No spend recorded for this slice.');
  }
  if (q.intent === 'compare') details.push(...moversLines(b, current, previous, group ?? 'sku'));
  if (current.daily.length > 1) details.push(`Daily: ${sparkline(current.daily.map((d) => d.cost))}`);
  details.push(...unpricedLine(current.unpriced));
  return answer(b, {
    headline,
    details,
    total: current.total,
    rows,
    source: sourceOf(b, current),
    sourceNote: sourceSentence(b, current),
  });
}

function moversLines(b: Base, current: SpendFigures, previous: SpendFigures, group: string): string[] {
  if (b.q.groupBy.length > 0) return [];
  const keys = new Set([...current.groups.map((g) => g.key), ...previous.groups.map((g) => g.key)]);
  const cur = new Map(current.groups.map((g) => [g.key, g.cost]));
  const prev = new Map(previous.groups.map((g) => [g.key, g.cost]));
  const movers = [...keys]
    .map((key) => ({ key, delta: (cur.get(key) ?? 0) - (prev.get(key) ?? 0), now: cur.get(key) ?? 0 }))
    .filter((m) => Math.abs(m.delta) >= 0.005)
    .sort((a, c) => Math.abs(c.delta) - Math.abs(a.delta))
    .slice(0, 5);
  if (movers.length === 0) return ['No change by line item.'];
  return [
    `Biggest changes by ${group.replace(/^label:/, '')}:`,
    ...movers.map(
      (m) =>
        `${m.key}: ${m.delta >= 0 ? '+' : '-'}${formatMoney(Math.abs(m.delta))} (now ${formatMoney(m.now)})`,
    ),
  ];
}

/**
 * True when a finding or savings item (they carry no region) fits the question's project and labels and the
 * channel's projects.
 */
function matchesIgnoringRegion(item: { project: string; labels: Record<string, string> }, b: Base): boolean {
  return matchesFilters(
    { project: item.project, region: '', labels: item.labels },
    { ...b, filters: { ...b.filters, region: undefined } },
  );
}

/** Open audit findings within the channel's projects and the question's filters, optionally of one rule. */
function openFindingsFor(b: Base, rule?: string): Finding[] {
  return listOpenFindings(b.ctx.store, { projects: [...(b.env.scopeProjects ?? [])], labels: {} }).filter(
    (f) => (rule === undefined || f.rule === rule) && matchesIgnoringRegion(f, b),
  );
}

function matchesFilters(
  r: { project: string; region: string; labels: Record<string, string> },
  b: Base,
): boolean {
  const f = b.filters;
  if (f.project && r.project !== f.project) return false;
  if (f.region && r.region !== f.region) return false;
  if (b.env.scopeProjects?.length && !b.env.scopeProjects.includes(r.project)) return false;
  return Object.entries(f.labels ?? {}).every(([k, v]) => r.labels[k] === v);
}

interface RunningItem {
  key: string;
  project: string;
  region: string;
  labels: Record<string, string>;
  kind: string;
  perHour: number | null;
  since: string | null;
  unpricedReason: string | null;
}

function runningAnswer(b: Base<QuestionOf<'running'>>): Answer {
  const { store } = b.ctx;
  // Labels only decide label filters here; thousands of resources need not be parsed without one.
  const byLabel = Object.keys(b.filters.labels ?? {}).length > 0;
  const labelsFor = (json: string) => (byLabel ? parseLabels(json) : {});
  const items: RunningItem[] = [];
  const jobKind = (k: string) =>
    k === 'pipeline' ? 'pipelines' : k === 'batch_prediction' ? 'prediction' : 'training';
  const jobs = jobsInStates(store, RUNNING_JOB_STATES);
  for (const j of jobs) {
    items.push({
      key: `job ${j.displayName} (${j.state.toLowerCase()})`,
      project: j.project,
      region: j.region,
      labels: labelsFor(j.labels),
      kind: jobKind(j.kind),
      perHour: j.hourlyPrice,
      since: j.startTime,
      unpricedReason: j.unpricedReason,
    });
  }
  const deployments = dedicatedDeployments(store);
  for (const d of deployments) {
    items.push({
      key: `endpoint ${d.endpoint} · ${d.model} (${d.minReplicas} replica${d.minReplicas === 1 ? '' : 's'} minimum)`,
      project: d.project,
      region: d.region,
      labels: labelsFor(d.labels),
      kind: 'prediction',
      perHour: d.hourlyPrice === null ? null : d.hourlyPrice * d.minReplicas,
      since: d.since,
      unpricedReason: d.unpricedReason,
    });
  }
  const shown = items.filter((i) => matchesFilters(i, b) && (!b.filters.kind || i.kind === b.filters.kind));
  const priced = shown.filter((i) => i.perHour !== null);
  const perDay = priced.reduce((a, i) => a + (i.perHour ?? 0) * 24, 0);
  const rows = priced
    .map((i) => ({
      key: i.key,
      cost: (i.perHour ?? 0) * 24,
      share: perDay > 0 ? ((i.perHour ?? 0) * 24) / perDay : 0,
    }))
    .sort((a, c) => c.cost - a.cost);
  const lastSync = lastSuccessfulSyncAt(store);
  const headline =
    shown.length === 0
      ? `Nothing is running${describeFilters(b.filters)} as of the last sync.`
      : `${shown.length} resource${shown.length === 1 ? '' : 's'} running${describeFilters(b.filters)}, costing about ${formatMoney(perDay)} per day at current catalog prices`;
  const details = shown
    .slice(0, 20)
    .map(
      (i) =>
        `${i.key} in ${i.project}/${i.region}: ${i.perHour === null ? `unpriced (${i.unpricedReason ?? 'no price'})` : `${formatMoney(i.perHour)}/h`}${i.since ? `, since ${i.since.slice(0, 16).replace('T', ' ')} UTC` : ''}`,
    );
  if (shown.length > 20) details.push(`…and ${shown.length - 20} more.`);
  return answer(b, {
    headline,
    details,
    total: perDay,
    rows,
    source: { actualThrough: b.env.actualThrough, estimated: true },
    sourceNote: `Source: resources as of the last sync${lastSync ? ` (${lastSync.slice(0, 16).replace('T', ' ')} UTC)` : ' (none recorded yet)'}; costs per day estimated from catalog prices.`,
  });
}

interface IdleItem {
  key: string;
  perDay: number | null;
  detail: string;
}

function idleAnswer(b: Base<QuestionOf<'idle'>>): Answer {
  return answer(b, idleParts(b, b.q.period));
}

/** Idle deployed models: the audit's open findings, or zero-traffic models over the period or the rule's window. */
function idleParts(
  b: Base,
  period: Period | null,
): Pick<Answer, 'headline' | 'details' | 'total' | 'rows' | 'source' | 'sourceNote'> {
  const { config } = b.ctx;
  const findings = openFindingsFor(b, IDLE_ENDPOINT_RULE);
  let items: IdleItem[];
  let sourceNote: string;
  let windowText: string;
  if (findings.length > 0 && !period) {
    items = findings.map((f) => ({
      key: f.title,
      perDay: f.impactPerDay,
      detail: `${f.status}, ${f.severity}`,
    }));
    windowText = 'per the audit';
    sourceNote = "Source: the auditor's open idle-endpoint findings; costs per day from catalog prices.";
  } else {
    const to = period ? startOfDayInZone(period.end, b.env.timezone) : b.env.now;
    const from = period
      ? startOfDayInZone(period.start, b.env.timezone)
      : new Date(b.env.now.getTime() - config.rules.idleEndpoint.windowHours * 3_600_000);
    const end = to.getTime() > b.env.now.getTime() ? b.env.now : to;
    windowText = period
      ? periodText(b, period)
      : `over the last ${config.rules.idleEndpoint.windowHours} hours`;
    items = idleFromTraffic(b, from, end);
    sourceNote = `Source: ${findings.length > 0 ? 'traffic data for the period asked' : 'no audit findings yet, so traffic data'} (deployed models with zero predictions in every recorded hour); costs per day from catalog prices.`;
  }
  const priced = items.filter((i) => i.perDay !== null);
  const perDay = priced.reduce((a, i) => a + (i.perDay ?? 0), 0);
  const headline =
    items.length === 0
      ? `No idle endpoints${describeFilters(b.filters)} ${windowText}.`
      : `${items.length} idle endpoint${items.length === 1 ? '' : 's'}${describeFilters(b.filters)} ${windowText}, costing ${formatMoney(perDay)} per day${priced.length < items.length ? ' (plus unpriced ones)' : ''}`;
  return {
    headline,
    details: items.slice(0, 20).map((i) => `${i.key}: ${formatMaybeMoney(i.perDay)}/day (${i.detail})`),
    total: perDay,
    rows: priced
      .map((i) => ({ key: i.key, cost: i.perDay ?? 0, share: perDay > 0 ? (i.perDay ?? 0) / perDay : 0 }))
      .sort((a, c) => c.cost - a.cost),
    source: { actualThrough: b.env.actualThrough, estimated: true },
    sourceNote,
  };
}

function idleFromTraffic(b: Base, from: Date, to: Date): IdleItem[] {
  const rows = dedicatedDeploymentTraffic(b.ctx.store, from, to);
  return rows
    .filter(
      (r) => r.hours > 0 && r.predictions === 0 && matchesFilters({ ...r, labels: parseLabels(r.labels) }, b),
    )
    .map((r) => ({
      key: `${r.endpoint} · ${r.model}`,
      perDay: r.hourlyPrice === null ? null : r.hourlyPrice * r.minReplicas * 24,
      detail: `0 predictions in ${r.hours} recorded hours, ${r.minReplicas} replica${r.minReplicas === 1 ? '' : 's'} minimum, ${r.project}`,
    }));
}

function alertsAnswer(b: Base<QuestionOf<'alerts'>>): Answer {
  const findings = openFindingsFor(b);
  if (!anyFindingRecorded(b.ctx.store)) {
    const idle = idleParts(b, null);
    return answer(b, {
      headline: 'No audit has run yet, so there are no alerts. The best data so far:',
      details: [idle.headline, ...idle.details],
      total: idle.total,
      rows: idle.rows,
      source: idle.source,
      sourceNote: idle.sourceNote,
    });
  }
  // Risks (no suggested fix, e.g. a missing timeout) are listed but not added to the $ total.
  const waste = summarizeWaste(findings);
  const perDay = waste.pricedPerDay;
  const priced = findings.filter((f) => f.suggestedAction !== null && f.impactPerDay !== null);
  return answer(b, {
    headline:
      findings.length === 0
        ? `No open alerts${describeFilters(b.filters)}.`
        : `${findings.length} open alert${findings.length === 1 ? '' : 's'}${describeFilters(b.filters)}, worth ${formatMoney(perDay)} per day${waste.unpricedCount > 0 ? ' (plus unpriced ones)' : ''}`,
    details: findings
      .slice(0, 20)
      .map(
        (f) =>
          `[${f.severity}] ${f.title} (${f.project}, ${f.status}): ${formatMaybeMoney(f.impactPerDay)}/day${f.suggestedAction === null ? ' (a risk, not in the total)' : ''}`,
      ),
    total: perDay,
    rows: priced
      .map((f) => ({
        key: f.title,
        cost: f.impactPerDay ?? 0,
        share: perDay > 0 ? (f.impactPerDay ?? 0) / perDay : 0,
      }))
      .sort((a, c) => c.cost - a.cost),
    source: { actualThrough: b.env.actualThrough, estimated: true },
    sourceNote: "Source: the auditor's open findings; impact per day from catalog prices.",
  });
}

function scopeOf(b: Base): Scope {
  const projects = b.filters.project ? [b.filters.project] : [...(b.env.scopeProjects ?? [])];
  return { projects, labels: { ...b.filters.labels } };
}

function forecastAnswer(b: Base<QuestionOf<'forecast'>>): Answer {
  const { period, ...parts } = forecastParts(b);
  return { ...answer(b, parts), period };
}

/** The month-end forecast for the question's project and labels; its period is the whole month. */
function forecastParts(
  b: Base,
): Pick<Answer, 'headline' | 'details' | 'total' | 'source' | 'sourceNote'> & { period: Period } {
  const f = forecastMonthEnd({
    store: b.ctx.store,
    timezone: b.env.timezone,
    now: b.env.now,
    scope: scopeOf(b),
    estimate: catalogEstimator(b.ctx.store, b.env.timezone, b.env.now),
  });
  const monthName = new Date(`${f.start}T12:00:00Z`).toLocaleString('en-US', {
    month: 'long',
    timeZone: 'UTC',
  });
  const ignored = [b.filters.kind ? 'kind' : '', b.filters.region ? 'region' : ''].filter(Boolean);
  const details = [
    `So far: ${formatMoney(f.actualToDate)} billed${f.estimated > 0 || f.estimatedDays.length ? ` + ${formatMoney(f.estimated)} estimated` : ''}; rest of the month projected: ${formatMoney(f.projected)} over ${f.projectedDays.length} day${f.projectedDays.length === 1 ? '' : 's'}.`,
    `Likely range: ${formatMoney(f.low)} – ${formatMoney(f.high)}.`,
  ];
  if (f.historyDays === 0)
    details.push('No billing history yet, so the projection for the remaining days is 0.');
  if (ignored.length)
    details.push(`The forecast covers all ${ignored.join(' and ')}s; it cannot be split that way.`);
  const period = { start: f.start, end: f.end };
  return {
    headline: `Forecast for ${monthName} (${rangeText(b, period)})${describeFilters({ ...b.filters, kind: undefined, region: undefined })}: ${formatMoney(f.forecast)}`,
    details,
    total: f.forecast,
    source: { actualThrough: b.env.actualThrough, estimated: true },
    sourceNote: `Source: ${f.basis}.`,
    period,
  };
}

function budgetAnswer(b: Base<QuestionOf<'budget'>>): Answer {
  const estimate = catalogEstimator(b.ctx.store, b.env.timezone, b.env.now);
  const statuses = budgetStatus({
    store: b.ctx.store,
    config: b.ctx.config,
    now: b.env.now,
    estimate,
  }).filter((s) => {
    const scope = s.budget.scope;
    if (b.filters.project && !(scope.projects.length === 0 || scope.projects.includes(b.filters.project)))
      return false;
    return Object.entries(b.filters.labels ?? {}).every(([k, v]) => scope.labels[k] === v);
  });
  if (statuses.length === 0) {
    const forecast = forecastParts(b);
    const configured = b.ctx.config.budgets.map((x) => x.name);
    return answer(b, {
      headline: `No budget is configured${describeFilters(b.filters)}${configured.length ? ` (configured: ${configured.join(', ')})` : ''}. Add one under "budgets" in the config.`,
      details: [forecast.headline, ...forecast.details],
      total: null,
      source: forecast.source,
      sourceNote: forecast.sourceNote,
    });
  }
  const details = statuses.map(
    (s) =>
      `${s.name}: ${formatMoney(s.spentToDate)} of ${formatMoney(s.monthlyAmount)} spent (${formatShare(s.spentShare)}); forecast ${formatMoney(s.forecast.forecast)} (${formatShare(s.forecastShare)})${s.forecastShare > 1 ? ' — on course to exceed' : ''}`,
  );
  const first = statuses[0]!;
  const total = statuses.reduce((a, s) => a + s.spentToDate, 0);
  return answer(b, {
    headline: `Budget status for ${first.month}, ${periodText(b)}: ${statuses.length} budget${statuses.length === 1 ? '' : 's'}`,
    details,
    total,
    rows: statuses.map((s) => ({ key: s.name, cost: s.spentToDate, share: s.spentShare })),
    source: { actualThrough: b.env.actualThrough, estimated: true },
    sourceNote: `Source: ${first.forecast.basis}.`,
  });
}

function savingsAnswer(b: Base<QuestionOf<'savings'>>): Answer {
  const all = savingsOpportunities({ store: b.ctx.store, config: b.ctx.config, now: b.env.now });
  const spotOnly = /\b(spot|preemptible)\b/i.test(b.q.text);
  const list = all
    .filter((o) => (spotOnly ? o.technique === 'spot-training' : true))
    .filter((o) => matchesIgnoringRegion(o, b));
  const priced = list.filter((o) => o.monthlySaving !== null);
  const total = priced.reduce((a, o) => a + (o.monthlySaving ?? 0), 0);
  const what = spotOnly ? 'Moving eligible training to Spot VMs' : 'The savings found';
  return answer(b, {
    headline:
      list.length === 0
        ? `${spotOnly ? 'No training jobs look like Spot candidates' : 'No savings opportunities found'} in the last ${b.ctx.config.savings.lookbackDays} days${describeFilters(b.filters)}.`
        : `${what} could save about ${formatMoney(total)} per month${describeFilters(b.filters)}${priced.length < list.length ? ' (plus unpriced ones)' : ''}`,
    details: list
      .slice(0, LISTED_ROWS)
      .map((o) => `${o.title}: ${formatMaybeMoney(o.monthlySaving)}/month — ${o.action}`),
    total,
    rows: priced.map((o) => ({
      key: o.title,
      cost: o.monthlySaving ?? 0,
      share: total > 0 ? (o.monthlySaving ?? 0) / total : 0,
    })),
    source: { actualThrough: b.env.actualThrough, estimated: true },
    sourceNote: `Source: jobs and traffic of the last ${b.ctx.config.savings.lookbackDays} days × catalog prices (per 730-hour month).`,
  });
}

function unitCostAnswer(b: Base<QuestionOf<'unit_cost'>>): Answer {
  const { store } = b.ctx;
  const period = b.q.period;
  const subject = b.q.subject;
  const candidates = deployedModelsWithEndpoints(store);
  const wanted = subject?.toLowerCase();
  const chosen = candidates.filter((c) => {
    // Names first: they rule out almost every candidate without parsing its labels.
    const byName = !wanted || c.endpoint.toLowerCase() === wanted || c.model.toLowerCase() === wanted;
    // (A value JSON would escape cannot be found in the raw text, so those are always parsed.)
    if (!byName && !c.labels.includes(wanted ?? '') && JSON.stringify(wanted) === `"${wanted}"`) return false;
    const labels = parseLabels(c.labels);
    return matchesFilters({ ...c, labels }, b) && (byName || labels.model === wanted);
  });
  if (chosen.length === 0) {
    const names = [...new Set(candidates.map((c) => c.endpoint))].slice(0, 10);
    return answer(b, {
      headline: subject
        ? `I found no endpoint or model named "${subject}".`
        : 'There are no deployed models to compute a unit cost for.',
      details: names.length ? [`Known endpoints: ${names.join(', ')}`] : [],
      source: { actualThrough: b.env.actualThrough, estimated: false },
    });
  }
  const { from, to } = daysWindow(period.start, period.end, b.env.timezone, b.env.now) ?? {
    from: b.env.now,
    to: b.env.now,
  };
  const names = new Set(chosen.map((c) => `${c.endpointName}/deployedModels/${c.deployedModelId}`));
  // Only the chosen models are priced: their replica-hours are the expensive part, not the whole fleet's.
  const costs = resourceCosts(store, from, to, { names });
  const { total: cost, unpriced } = sumResourceCosts(costs);
  const predictions = predictionsServed(store, chosen, from, to);
  const label = subject ?? 'all deployed models';
  const perThousand = predictions > 0 && unpriced.length === 0 ? (cost / predictions) * 1000 : null;
  const headline =
    unpriced.length > 0
      ? `Cost per 1k predictions for ${label}, ${periodText(b, period)}: unpriced (${unpriced.map((u) => u.unpricedReason).join('; ')})`
      : predictions === 0
        ? `${label} served no recorded predictions ${periodText(b, period)}, so there is no cost per prediction; it cost ${formatMoney(cost)}.`
        : `Cost per 1k predictions for ${label}, ${periodText(b, period)}: ${formatMoney(perThousand ?? 0)}`;
  return answer(b, {
    headline,
    details: [
      `${formatMoney(cost)} estimated serving cost over ${Math.round(predictions).toLocaleString('en-US')} predictions (${chosen.length} deployed model${chosen.length === 1 ? '' : 's'}).`,
    ],
    total: perThousand,
    source: { actualThrough: b.env.actualThrough, estimated: true },
    sourceNote: 'Source: replica-hours × catalog prices (estimated) and Monitoring prediction counts.',
  });
}

function helpAnswer(b: Base<QuestionOf<'help'>>): Answer {
  return answer(b, {
    headline: 'Ask me about Vertex AI spend in plain words. For example:',
    details: HELP_LINES,
    sourceNote: `Periods are calendar days in ${b.ctx.config.timezone}; without one I answer for the month to date.`,
  });
}

function notUnderstood(b: Base<ParseResult>): Answer {
  const { q } = b;
  const understood: string[] = [];
  if (q.intent !== 'help') understood.push(`you asked about ${q.intent.replace('_', ' ')}`);
  if (q.periodWords && q.period)
    understood.push(`the period ${describePeriod(q.period, q.periodWords, b.env.today)}`);
  if (q.groupBy.length)
    understood.push(`grouped by ${q.groupBy.map((g) => g.replace(/^label:/, '')).join(' and ')}`);
  const filters = describeFilters(q.filters);
  if (filters) understood.push(`filtered${filters}`);
  const missing: string[] = [...q.problems];
  if (q.unrecognized.length)
    missing.push(`I did not understand ${q.unrecognized.map((w) => `"${w}"`).join(', ')}`);
  const headline = understood.length
    ? `I only partly understood that: ${understood.join(', ')}.`
    : 'Sorry, I did not understand that question.';
  return answer(b, {
    understood: false,
    headline,
    details: missing.map((m) => `${m[0]?.toUpperCase()}${m.slice(1)}.`),
    examples: examplesFor(q.intent),
    source: { actualThrough: b.env.actualThrough, estimated: false },
  });
}
