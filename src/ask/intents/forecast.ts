// The month-end forecast for the question's project and labels.
import type { Scope } from '../../config/schema.js';
import { forecastMonthEnd } from '../../report/forecast.js';
import { catalogEstimator } from '../../report/source.js';
import type { Answer, Period, QuestionOf } from '../types.js';
import { answer, describeFilters, lineMoneyOf, moneyOf, rangeText } from './answerText.js';
import type { IntentInput } from './input.js';

export function forecastAnswer(input: IntentInput<QuestionOf<'forecast'>>): Answer {
  const { period, ...parts } = forecastParts(input);
  return { ...answer(input, parts), period };
}

/** The month-end forecast for the question's project and labels; its period is the whole month. */
export function forecastParts(
  input: IntentInput,
): Pick<Answer, 'headline' | 'details' | 'total' | 'source' | 'sourceNote'> & { period: Period } {
  const f = forecastMonthEnd({
    store: input.ctx.store,
    timezone: input.env.timezone,
    now: input.env.now,
    scope: scopeOf(input),
    estimate: catalogEstimator(input.ctx.store, input.env.timezone, input.env.now),
  });
  const monthName = new Date(`${f.start}T12:00:00Z`).toLocaleString('en-US', {
    month: 'long',
    timeZone: 'UTC',
  });
  const ignored = [input.filters.kind ? 'kind' : '', input.filters.region ? 'region' : ''].filter(Boolean);
  const soFar = lineMoneyOf(input, f.actualToDate, f.estimated, f.projected);
  const range = lineMoneyOf(input, f.low, f.high);
  const details = [
    `So far: ${soFar(f.actualToDate)} billed${f.estimated > 0 || f.estimatedDays.length ? ` + ${soFar(f.estimated)} estimated` : ''}; rest of the month projected: ${soFar(f.projected)} over ${f.projectedDays.length} day${f.projectedDays.length === 1 ? '' : 's'}.`,
    `Likely range: ${range(f.low)} – ${range(f.high)}.`,
  ];
  if (f.historyDays === 0)
    details.push('No billing history yet, so the projection for the remaining days is 0.');
  if (ignored.length)
    details.push(`The forecast covers all ${ignored.join(' and ')}s; it cannot be split that way.`);
  const period = { start: f.start, end: f.end };
  return {
    headline: `Forecast for ${monthName} (${rangeText(period, input.env.today)})${describeFilters({ ...input.filters, kind: undefined, region: undefined })}: ${moneyOf(input)(f.forecast)}`,
    details,
    total: f.forecast,
    source: { actualThrough: input.env.actualThrough, estimated: true },
    sourceNote: `Source: ${f.basis}.`,
    period,
  };
}

function scopeOf(input: IntentInput): Scope {
  const projects = input.filters.project ? [input.filters.project] : [...(input.env.scopeProjects ?? [])];
  return { projects, labels: { ...input.filters.labels } };
}
