// Block Kit for the weekly digest and for the report alerts (anomaly, budget). Pure: report model in, message out.
import type { types } from '@slack/bolt';
import { formatMoney, formatShare, lineMoney } from '../../money/format.js';
import type { AnomalyReport } from '../../report/anomalies.js';
import type { BudgetCrossing } from '../../report/budgets.js';
import type { WeeklyDigest } from '../../report/digest.js';
import { budgetLine, digestSections, monthName } from '../../report/digestText.js';
import { formatDay } from '../../time/days.js';
import { escapeName, plainName } from './escape.js';
import {
  CONTEXT_ELEMENT_TEXT_MAX,
  clip,
  FALLBACK_TEXT_MAX,
  fitNames,
  HEADER_TEXT_MAX,
  MESSAGE_BLOCKS_MAX,
  SECTION_TEXT_MAX,
} from './limits.js';

type KnownBlock = types.KnownBlock;

export interface ReportMessage {
  text: string;
  blocks: KnownBlock[];
}

const header = (text: string): KnownBlock => ({
  type: 'header',
  text: { type: 'plain_text', text: clip(text, HEADER_TEXT_MAX), emoji: true },
});
const section = (text: string): KnownBlock => ({
  type: 'section',
  text: { type: 'mrkdwn', text: clip(text, SECTION_TEXT_MAX) },
});
const context = (text: string): KnownBlock => ({
  type: 'context',
  elements: [{ type: 'mrkdwn', text: clip(text, CONTEXT_ELEMENT_TEXT_MAX) }],
});
const bullets = (title: string, items: readonly string[]) =>
  section(`*${escapeName(title)}*\n${items.map((i) => `• ${escapeName(i)}`).join('\n')}`);

/** The digest message; the chart follows as a file in its thread. */
export function digestMessage(d: WeeklyDigest): ReportMessage {
  const s = digestSections(d);
  const blocks: KnownBlock[] = [
    header(`Weekly ML spend · ${d.week.week}`),
    context(
      fitNames(
        CONTEXT_ELEMENT_TEXT_MAX,
        [escapeName(d.scope.name)],
        ([name]) => `${name} · ${escapeName(s.source)} · ${escapeName(d.timezone)}`,
      ),
    ),
    section(`*${escapeName(s.total)}*\n\`${escapeName(s.sparkline)}\``),
    bullets('By kind', s.genai === null ? s.byKind : [...s.byKind, s.genai]),
    bullets('Top movers vs the previous week', s.movers),
    section(escapeName(s.idle)),
    bullets(
      s.findings[0] ?? 'Open findings',
      s.findings.slice(1).length > 0 ? s.findings.slice(1) : ['none'],
    ),
    bullets(`Budgets (as of ${formatDay(d.forecast.today)})`, [...s.budgets, s.forecast]),
    bullets(
      s.savings[0] ?? 'Savings opportunities',
      s.savings.slice(1).length > 0 ? s.savings.slice(1) : ['none found'],
    ),
    context(escapeName(s.coverage)),
    ...(s.accuracy.length > 0 ? [bullets('Estimate accuracy', s.accuracy)] : []),
  ];
  return {
    text: fitNames(
      FALLBACK_TEXT_MAX,
      [escapeName(s.title)],
      ([title]) => `${title}: ${formatMoney(d.total.current, d.currency)} (${escapeName(s.source)})`,
    ),
    blocks: blocks.slice(0, MESSAGE_BLOCKS_MAX),
  };
}

/** An anomaly alert: the day, how far above the usual it is, and who contributed; amounts in `currency`. */
export function anomalyMessage(report: AnomalyReport, currency: string): ReportMessage {
  const v = report.verdict;
  const day = formatDay(report.day);
  const pct = Number.isFinite(v.percent) ? `+${Math.round(v.percent)}%` : 'new';
  const lines: string[] = [];
  const money = lineMoney(currency, v.actual, v.expected);
  if (v.anomalous) {
    lines.push(
      `Spend on ${day}: *${money(v.actual)}* against a usual ${money(v.expected)} for that weekday (${pct}, z ${v.z.toFixed(1)}); source: billing export`,
    );
  }
  // SKU descriptions and label values give way to the figures beside them.
  const skuLines = fitNames(
    SECTION_TEXT_MAX - (lines[0]?.length ?? 0) - 1,
    report.newSkus.map((sku) => escapeName(sku.description)),
    (names) =>
      report.newSkus
        .map(
          (sku, i) =>
            `New SKU ${names[i]}: ${formatMoney(sku.cost, currency)} on ${day}, never billed in the weeks before`,
        )
        .join('\n'),
  );
  if (skuLines) lines.push(skuLines);
  const contributors = fitNames(
    SECTION_TEXT_MAX - 30,
    report.contributors.map((c) => escapeName(c.key)),
    (keys) =>
      report.contributors
        .map((c, i) => {
          const amount = lineMoney(currency, c.actual, c.expected, c.excess);
          return `• ${c.dimension} ${keys[i]}: ${amount(c.actual)} vs usual ${amount(c.expected)} (+${amount(c.excess)})`;
        })
        .join('\n'),
  );
  const blocks: KnownBlock[] = [
    header(
      fitNames(
        HEADER_TEXT_MAX,
        [plainName(report.scopeName)],
        ([name]) => `Unusual ML spend · ${day} · ${name}`,
      ),
    ),
    section(lines.join('\n') || escapeName(report.summary)),
  ];
  if (contributors) blocks.push(section(`*Top contributors*\n${contributors}`));
  blocks.push(
    context('Baseline: median of the same weekday over the last 4 weeks; spread from the last 14 days.'),
  );
  if (report.note) blocks.push(context(escapeName(report.note)));
  return { text: clip(escapeName(report.summary), FALLBACK_TEXT_MAX), blocks };
}

/** A budget alert: which threshold, on spend or forecast, and where the month stands. */
export function budgetAlertMessage(crossing: BudgetCrossing): ReportMessage {
  const { status, basis, threshold } = crossing;
  const month = monthName(status.month);
  const what =
    basis === 'spent'
      ? `Spend so far has reached ${threshold}% of the ${month} budget`
      : `The month-end forecast reaches ${threshold}% of the ${month} budget`;
  const share = basis === 'spent' ? status.spentShare : status.forecastShare;
  return {
    text: fitNames(
      FALLBACK_TEXT_MAX,
      [escapeName(status.name)],
      ([name]) => `Budget ${name}: ${escapeName(what)} (${formatShare(share)})`,
    ),
    blocks: [
      // The threshold first: a long budget name is what gets shortened.
      header(
        fitNames(
          HEADER_TEXT_MAX,
          [plainName(status.name)],
          ([name]) => `${threshold}% ${basis === 'spent' ? 'spent' : 'forecast'} · budget ${name}`,
        ),
      ),
      section(`*${escapeName(what)}* (${formatShare(share)}).\n${escapeName(budgetLine(status))}`),
      context(escapeName(status.forecast.basis)),
    ],
  };
}
