// How accurate are the estimates: each day's catalog estimate, kept from before the day was billed, beside what
// the billing export says now, over the last 30 days and last week, by kind, and whether they drift.

import { ESTIMATED_KINDS } from '../../domain/kinds.js';
import { isWholeOrg } from '../../domain/slice.js';
import { accuracyLines, formatError } from '../../report/accuracyText.js';
import { estimateAccuracy } from '../../spend/estimateAccuracy.js';
import type { Answer, QuestionOf } from '../types.js';
import { answer, currencyOf, describeFilters } from './answerText.js';
import type { IntentInput } from './input.js';

export function accuracyAnswer(input: IntentInput<QuestionOf<'accuracy'>>): Answer {
  const { today } = input.env;
  // Estimates are kept per day and kind for the whole organization: a narrower slice (a channel's scope, a
  // project or label) would need figures the record does not hold, and must not see the others' spend.
  const narrowed = { ...input.filters, kind: undefined, projects: input.env.scopeProjects };
  if (!isWholeOrg(narrowed)) {
    return answer(input, {
      headline: `Estimate accuracy is measured for the whole organization only${narrowWords(input)}.`,
      details: [
        'Ask "how accurate are the estimates?" where the whole organization is in scope, or read the weekly digest.',
      ],
      total: null,
    });
  }
  const kind = input.filters.kind;
  if (kind !== undefined && !ESTIMATED_KINDS.includes(kind)) {
    return answer(input, {
      headline: 'Generative-AI spend is never estimated, so there is no estimate to check.',
      details: [
        'It is billed per token, character or request and known only from the billing export; answers show it through the export’s last day.',
      ],
      total: null,
    });
  }
  const accuracy = estimateAccuracy(input.ctx.store, {
    today,
    tolerancePercent: input.ctx.config.estimates.driftTolerancePercent,
    ...(kind !== undefined ? { kind } : {}),
  });
  const w = accuracy.last30Days;
  const lines = accuracyLines(accuracy, currencyOf(input), Number(today.slice(0, 4)));
  const which = kind !== undefined ? `Catalog estimates of ${kind}` : 'Catalog estimates';
  const headline =
    w.days === 0
      ? `No ${kind !== undefined ? `${kind} ` : ''}estimate has been compared with billed spend yet.`
      : `${which} against billed spend, last 30 days: ${formatError(w.error)} over ${w.days} day${w.days === 1 ? '' : 's'}${accuracy.drifting ? `, beyond the ${accuracy.tolerancePercent}% tolerance` : `, within the ${accuracy.tolerancePercent}% tolerance`}`;
  return {
    ...answer(input, {
      headline,
      details: lines,
      total: w.days === 0 ? null : w.estimated - w.billed,
      rows: w.byKind.map((k) => ({ key: k.kind, cost: k.estimated - k.billed, share: k.error ?? 0 })),
      source: { actualThrough: input.env.actualThrough, estimated: true },
      sourceNote:
        'Source: the estimate each day had at the last sync before the billing export was actual for it, beside the export now; estimated days get no error until then.',
    }),
    period: { start: w.start, end: w.end },
  };
}

/** ", not for project ml-prod, team=search" / " (this channel sees only some projects)". */
function narrowWords(input: IntentInput): string {
  const filters = describeFilters({ ...input.filters, kind: undefined });
  const channel = (input.env.scopeProjects ?? []).length > 0 ? ' (this channel sees only some projects)' : '';
  return `${filters ? `, not${filters}` : ''}${channel}`;
}
