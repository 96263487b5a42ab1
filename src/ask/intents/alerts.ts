// Open alerts: the auditor's open findings and what they cost per day; before any audit, the idle endpoints.
import { anyFindings, isRisk, summarizeWaste } from '../../audit/findings.js';
import { formatMaybeMoney } from '../../money/format.js';
import type { Answer, QuestionOf } from '../types.js';
import { answer, currencyOf, describeFilters, pricedTotal } from './answerText.js';
import { idleParts } from './idle.js';
import type { IntentInput } from './input.js';
import { openFindingsFor } from './matching.js';

export function alertsAnswer(input: IntentInput<QuestionOf<'alerts'>>): Answer {
  const findings = openFindingsFor(input);
  if (!anyFindings(input.ctx.store)) {
    const idle = idleParts(input, null);
    return answer(input, {
      headline: 'No audit has run yet, so there are no alerts. The best data so far:',
      details: [idle.headline, ...idle.details],
      total: idle.total,
      rows: idle.rows,
      source: idle.source,
      sourceNote: idle.sourceNote,
    });
  }
  // Risks (no fix to make, e.g. a missing timeout) are listed but not added to the $ total.
  const waste = summarizeWaste(findings);
  const perDay = waste.pricedPerDay;
  const priced = findings.filter((f) => !isRisk(f) && f.impactPerDay !== null);
  const worth = pricedTotal(input, perDay, priced.length, waste.unpricedCount, 'per day');
  return answer(input, {
    headline:
      findings.length === 0
        ? `No open alerts${describeFilters(input.filters)}.`
        : `${findings.length} open alert${findings.length === 1 ? '' : 's'}${describeFilters(input.filters)}, worth ${worth.text}`,
    details: findings
      .slice(0, 20)
      .map(
        (f) =>
          `[${f.severity}] ${f.title} (${f.project}, ${f.status}): ${formatMaybeMoney(f.impactPerDay, currencyOf(input))}/day${isRisk(f) ? ' (a risk, not in the total)' : ''}`,
      ),
    total: worth.total,
    rows: priced
      .map((f) => ({
        key: f.title,
        cost: f.impactPerDay ?? 0,
        share: perDay > 0 ? (f.impactPerDay ?? 0) / perDay : 0,
      }))
      .sort((a, c) => c.cost - a.cost),
    source: { actualThrough: input.env.actualThrough, estimated: true },
    sourceNote: "Source: the auditor's open findings; impact per day from catalog prices.",
  });
}
