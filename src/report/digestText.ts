import {
  formatChange,
  formatMaybeMoney,
  formatMoney,
  formatShare,
  lineMoney,
  sparkline,
} from '../money/format.js';
import { addDays, formatDay, formatRange } from '../time/days.js';
import { accuracyLines } from './accuracyText.js';
import type { BudgetStatus } from './budgets.js';
import type { WeeklyDigest } from './digest.js';
import type { MonthForecast } from './forecast.js';
import type { GenaiWeek } from './genaiDigest.js';
import { describeSource } from './source.js';

// Month names for budget and forecast lines.
const MONTH_NAMES = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

export function monthName(month: string): string {
  return `${MONTH_NAMES[Number(month.slice(5, 7)) - 1] ?? month} ${month.slice(0, 4)}`;
}

/** The sections of a digest as plain lines; the text format prints them, Block Kit wraps them. */
export interface DigestSections {
  title: string;
  source: string;
  total: string;
  sparkline: string;
  byKind: string[];
  /** The generative-AI line; null when neither week had any. */
  genai: string | null;
  movers: string[];
  idle: string;
  findings: string[];
  budgets: string[];
  forecast: string;
  savings: string[];
  coverage: string;
  accuracy: string[];
}

export function digestSections(d: WeeklyDigest): DigestSections {
  const year = Number(d.week.start.slice(0, 4));
  const period = formatRange(d.week.start, d.week.end, year);
  const prevPeriod = formatRange(addDays(d.week.start, -7), d.week.start, year);
  const t = d.total;
  const currency = d.currency;
  const money = (amount: number) => formatMoney(amount, currency);
  const totals = lineMoney(currency, t.current, t.estimated, t.previous, t.fourWeekAverage);
  const estimatedNote = t.estimated > 0 ? `, of which ${totals(t.estimated)} estimated` : '';
  const first = d.dailyTotals[0]?.day ?? d.week.start;
  return {
    title: `Weekly ML spend: ${d.scope.name}, ${d.week.week} (${period}, ${d.timezone})`,
    source: `Source: ${describeSource(d.source)}`,
    total:
      `Total ${period}: ${totals(t.current)}${estimatedNote}; ` +
      `previous week (${prevPeriod}) ${totals(t.previous)} (${formatChange(t.current, t.previous)}); ` +
      `4-week average ${totals(t.fourWeekAverage)} (${formatChange(t.current, t.fourWeekAverage)})`,
    sparkline: `Daily spend ${formatRange(first, d.week.end, year)}: ${sparkline(d.dailyTotals.map((x) => x.cost))}`,
    byKind: d.byKind.map(
      (k) =>
        `${k.kind}: ${money(k.current)} (${formatShare(k.share)} of the week, ${formatChange(k.current, k.previous)} vs previous week)`,
    ),
    genai: d.genai === null ? null : genaiLine(d.genai, currency, period),
    movers:
      d.movers.length === 0
        ? ['no change against the previous week']
        : d.movers.map((m) => {
            const amounts = lineMoney(currency, m.previous, m.current, m.change);
            return `${m.dimension} ${m.key}: ${amounts(m.previous)} → ${amounts(m.current)} (${m.change >= 0 ? '+' : ''}${amounts(m.change)})`;
          }),
    idle:
      d.idle.cost === null
        ? `Idle endpoints ${period}: unknown (${d.idle.note})`
        : `Idle endpoints ${period}: ${money(d.idle.cost)}${d.idle.share === null ? '' : ` (${formatShare(d.idle.share)} of the week's billed spend)`}, ${d.idle.note}`,
    findings: [
      `Open findings: ${d.findings.count}, ${money(d.findings.impactPerWeek)} per week at current rates` +
        (d.findings.unpricedCount > 0 ? ` (+ ${d.findings.unpricedCount} unpriced)` : ''),
      ...d.findings.items.map(
        (f) => `${f.title}: ${f.impactPerDay === null ? 'unpriced' : `${money(f.impactPerDay)}/day`}`,
      ),
    ],
    budgets: d.budgets.length === 0 ? ['no budgets configured'] : d.budgets.map(budgetLine),
    forecast: forecastLine(d.forecast, currency),
    savings: [
      `Savings opportunities: about ${money(d.savings.monthlyTotal)}/month, estimated from catalog prices` +
        (d.savings.unpricedCount > 0 ? ` (+ ${d.savings.unpricedCount} unpriced)` : ''),
      ...d.savings.items.map(
        (s) => `${s.title}: ${formatMaybeMoney(s.monthlySaving, currency)}/month. ${s.action}`,
      ),
    ],
    coverage:
      `Label coverage ${period}: ${formatShare(d.labelCoverage.share)} of billed spend ` +
      `(${money(d.labelCoverage.unlabeled)}) has no ${d.labelCoverage.labelKey} label`,
    accuracy: d.accuracy ? accuracyLines(d.accuracy, currency, year) : [],
  };
}

export function budgetLine(b: BudgetStatus): string {
  const crossed = b.crossedBySpend.at(-1);
  const crossedForecast = b.crossedByForecast.at(-1);
  const flags = [
    crossed !== undefined ? `spend past ${crossed}%` : null,
    crossedForecast !== undefined && crossedForecast !== crossed ? `forecast past ${crossedForecast}%` : null,
  ].filter(Boolean);
  const low = Math.max(b.forecast.low, b.spentToDate);
  const high = Math.max(b.forecast.high, b.forecastTotal);
  const money = lineMoney(b.currency, b.spentToDate, b.monthlyAmount, b.forecastTotal, low, high);
  return (
    `${b.name} (${monthName(b.month)}): spent ${money(b.spentToDate)} of ${money(b.monthlyAmount)} ` +
    `(${formatShare(b.spentShare)}); month-end forecast ${money(b.forecastTotal)} ` +
    `(range ${money(low)}–${money(high)}, ${formatShare(b.forecastShare)})` +
    (flags.length > 0 ? ` ⚠ ${flags.join(', ')}` : '')
  );
}

export function forecastLine(f: MonthForecast, currency: string): string {
  const money = lineMoney(currency, f.forecast, f.low, f.high);
  return (
    `Month-end forecast ${monthName(f.month)}: ${money(f.forecast)} ` +
    `(range ${money(f.low)}–${money(f.high)}; ${f.basis})`
  );
}

function genaiLine(g: GenaiWeek, currency: string, period: string): string {
  const amounts = lineMoney(currency, g.current, g.previous, g.topFamily?.cost ?? 0);
  const top = g.topFamily
    ? `; top model family ${g.topFamily.name} ${amounts(g.topFamily.cost)} (${formatShare(g.topFamily.share)})`
    : '';
  return `Generative AI ${period}: ${amounts(g.current)} billed (${formatChange(g.current, g.previous)} vs previous week, ${amounts(g.previous)})${top}`;
}

/** The digest as plain text (the CLI's default format). */
export function renderDigestText(d: WeeklyDigest): string {
  const s = digestSections(d);
  const list = (items: readonly string[]) => items.map((i) => `  - ${i}`);
  return [
    s.title,
    s.source,
    '',
    s.total,
    s.sparkline,
    '',
    `By kind (${formatRange(d.week.start, d.week.end)}):`,
    ...list(s.byKind),
    ...(s.genai === null ? [] : [s.genai]),
    '',
    `Top movers (${formatRange(d.week.start, d.week.end)} vs the week before):`,
    ...list(s.movers),
    '',
    s.idle,
    '',
    s.findings[0] ?? '',
    ...list(s.findings.slice(1)),
    '',
    `Budgets (as of ${formatDay(d.forecast.today)}):`,
    ...list(s.budgets),
    s.forecast,
    '',
    s.savings[0] ?? '',
    ...list(s.savings.slice(1)),
    '',
    s.coverage,
    ...(s.accuracy.length > 0 ? ['', 'Estimate accuracy:', ...list(s.accuracy)] : []),
  ].join('\n');
}
