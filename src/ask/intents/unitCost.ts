// Cost per 1k predictions of an endpoint or model (or of every deployed model): estimated serving cost over the
// predictions Monitoring recorded.
import { parseLabels } from '../../db/labels.js';
import { deployedModelsWithEndpoints } from '../../db/queries/endpoints.js';
import { predictionsServed } from '../../db/queries/traffic.js';
import { formatMoney } from '../../money/format.js';
import { daysWindow, resourceCosts, sumResourceCosts } from '../../spend/resourceCosts.js';
import { rfc3339 } from '../../time/instants.js';
import type { Answer, QuestionOf } from '../types.js';
import { answer, periodText } from './answerText.js';
import type { IntentInput } from './input.js';
import { matchesFilters } from './matching.js';

export function unitCostAnswer(input: IntentInput<QuestionOf<'unit_cost'>>): Answer {
  const { store } = input.ctx;
  const period = input.q.period;
  const subject = input.q.subject;
  const candidates = deployedModelsWithEndpoints(store);
  const wanted = subject?.toLowerCase();
  const chosen = candidates.filter((c) => {
    // Names first: they rule out almost every candidate without parsing its labels.
    const byName = !wanted || c.endpoint.toLowerCase() === wanted || c.model.toLowerCase() === wanted;
    // (A value JSON would escape cannot be found in the raw text, so those are always parsed.)
    if (!byName && !c.labels.includes(wanted ?? '') && JSON.stringify(wanted) === `"${wanted}"`) return false;
    const labels = parseLabels(c.labels);
    return matchesFilters({ ...c, labels }, input) && (byName || labels.model === wanted);
  });
  if (chosen.length === 0) {
    const names = [...new Set(candidates.map((c) => c.endpoint))].slice(0, 10);
    return answer(input, {
      headline: subject
        ? `I found no endpoint or model named "${subject}".`
        : 'There are no deployed models to compute a unit cost for.',
      details: names.length ? [`Known endpoints: ${names.join(', ')}`] : [],
      source: { actualThrough: input.env.actualThrough, estimated: false },
    });
  }
  const { from, to } = daysWindow(period.start, period.end, input.env.timezone, input.env.now) ?? {
    from: input.env.now,
    to: input.env.now,
  };
  const names = new Set(chosen.map((c) => `${c.endpointName}/deployedModels/${c.deployedModelId}`));
  // Only the chosen models are priced: their replica-hours are the expensive part, not the whole fleet's.
  const costs = resourceCosts(store, from, to, { names });
  const { total: cost, unpriced } = sumResourceCosts(costs);
  const predictions = predictionsServed(store, chosen, rfc3339(from), rfc3339(to));
  const label = subject ?? 'all deployed models';
  const perThousand = predictions > 0 && unpriced.length === 0 ? (cost / predictions) * 1000 : null;
  const when = periodText(period, input.q.periodWords, input.env.today);
  const headline =
    unpriced.length > 0
      ? `Cost per 1k predictions for ${label}, ${when}: unpriced (${unpriced.map((u) => u.unpricedReason).join('; ')})`
      : predictions === 0
        ? `${label} served no recorded predictions ${when}, so there is no cost per prediction; it cost ${formatMoney(cost)}.`
        : `Cost per 1k predictions for ${label}, ${when}: ${formatMoney(perThousand ?? 0)}`;
  return answer(input, {
    headline,
    details: [
      `${formatMoney(cost)} estimated serving cost over ${Math.round(predictions).toLocaleString('en-US')} predictions (${chosen.length} deployed model${chosen.length === 1 ? '' : 's'}).`,
    ],
    total: perThousand,
    source: { actualThrough: input.env.actualThrough, estimated: true },
    sourceNote: 'Source: replica-hours × catalog prices (estimated) and Monitoring prediction counts.',
  });
}
