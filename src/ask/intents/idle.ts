// Idle endpoints: the auditor's open idle-endpoint findings; when none is open or a period is asked, dedicated
// deployments that served no prediction in any recorded hour of that period (else of the rule's window).
import { anyFindings } from '../../audit/findings.js';
import { IDLE_ENDPOINT_RULE } from '../../audit/rules/idleEndpoint.js';
import { parseLabels } from '../../db/labels.js';
import { deploymentsWithoutPredictions } from '../../db/queries/trafficDaily.js';
import { formatMaybeMoney } from '../../money/format.js';
import { startOfDayInZone } from '../../time/days.js';
import { rfc3339 } from '../../time/instants.js';
import type { Answer, Period, QuestionOf } from '../types.js';
import { answer, currencyOf, describeFilters, periodText, pricedTotal } from './answerText.js';
import type { IntentInput } from './input.js';
import { matchesFilters, openFindingsFor } from './matching.js';

export function idleAnswer(input: IntentInput<QuestionOf<'idle'>>): Answer {
  return answer(input, idleParts(input, input.q.period));
}

interface IdleItem {
  key: string;
  perDay: number | null;
  detail: string;
}

/** The idle answer's parts for a period (null: as of now); alerts show them before any audit ran. */
export function idleParts(
  input: IntentInput,
  period: Period | null,
): Pick<Answer, 'headline' | 'details' | 'total' | 'rows' | 'source' | 'sourceNote'> {
  const { config } = input.ctx;
  const findings = openFindingsFor(input, IDLE_ENDPOINT_RULE);
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
    const to = period ? startOfDayInZone(period.end, input.env.timezone) : input.env.now;
    const from = period
      ? startOfDayInZone(period.start, input.env.timezone)
      : new Date(input.env.now.getTime() - config.rules.idleEndpoint.windowHours * 3_600_000);
    const end = to.getTime() > input.env.now.getTime() ? input.env.now : to;
    windowText = period
      ? periodText(period, input.q.periodWords, input.env.today)
      : `over the last ${config.rules.idleEndpoint.windowHours} hours`;
    items = idleFromTraffic(input, from, end);
    const why =
      findings.length > 0
        ? 'traffic data for the period asked'
        : anyFindings(input.ctx.store)
          ? 'the audit has no open idle-endpoint finding, so traffic data'
          : 'no audit findings yet, so traffic data';
    sourceNote = `Source: ${why} (deployed models with zero predictions in every recorded hour); costs per day from catalog prices.`;
  }
  const priced = items.filter((i) => i.perDay !== null);
  const perDay = priced.reduce((a, i) => a + (i.perDay ?? 0), 0);
  const cost = pricedTotal(input, perDay, priced.length, items.length - priced.length, 'per day');
  const headline =
    items.length === 0
      ? `No idle endpoints${describeFilters(input.filters)} ${windowText}.`
      : `${items.length} idle endpoint${items.length === 1 ? '' : 's'}${describeFilters(input.filters)} ${windowText}, costing ${cost.text}`;
  return {
    headline,
    details: items
      .slice(0, 20)
      .map((i) => `${i.key}: ${formatMaybeMoney(i.perDay, currencyOf(input))}/day (${i.detail})`),
    total: cost.total,
    rows: priced
      .map((i) => ({ key: i.key, cost: i.perDay ?? 0, share: perDay > 0 ? (i.perDay ?? 0) / perDay : 0 }))
      .sort((a, c) => c.cost - a.cost),
    source: { actualThrough: input.env.actualThrough, estimated: true },
    sourceNote,
  };
}

function idleFromTraffic(input: IntentInput, from: Date, to: Date): IdleItem[] {
  const rows = deploymentsWithoutPredictions(input.ctx.store, rfc3339(from), rfc3339(to));
  return rows
    .filter((r) => r.hours > 0 && matchesFilters({ ...r, labels: parseLabels(r.labels) }, input))
    .map((r) => ({
      key: `${r.endpoint} · ${r.model}`,
      perDay: r.hourlyPrice === null ? null : r.hourlyPrice * r.minReplicas * 24,
      detail: `0 predictions in ${r.hours} recorded hours, ${r.minReplicas} replica${r.minReplicas === 1 ? '' : 's'} minimum, ${r.project}`,
    }));
}
