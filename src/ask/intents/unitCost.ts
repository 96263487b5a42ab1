// Cost per 1k predictions of an endpoint or model (or of every deployed model): estimated serving cost over the
// predictions Monitoring recorded.
import { parseLabels } from '../../db/labels.js';
import { predictionsServed, recordedPredictionHours } from '../../db/queries/traffic.js';
import { formatUnitPrice } from '../../money/format.js';
import { daysWindow, resourceCosts, sumResourceCosts } from '../../spend/resourceCosts.js';
import { rfc3339 } from '../../time/instants.js';
import { knownDeployedModels } from '../knownNames.js';
import type { Answer, QuestionOf } from '../types.js';
import { answer, currencyOf, moneyOf, periodText } from './answerText.js';
import type { IntentInput } from './input.js';
import { tokenUnitCostAnswer } from './tokenUnitCost.js';

const HOUR_MS = 3_600_000;

import { matchesFilters } from './matching.js';

export function unitCostAnswer(input: IntentInput<QuestionOf<'unit_cost'>>): Answer {
  if (input.q.per === 'tokens') return tokenUnitCostAnswer(input);
  const { store } = input.ctx;
  const period = input.q.period;
  const subject = input.q.subject;
  // Read once per change of the data: thousands of deployed models, a handful chosen.
  const candidates = knownDeployedModels(store);
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
  const window = daysWindow(period.start, period.end, input.env.timezone, input.env.now) ?? {
    from: input.env.now,
    to: input.env.now,
  };
  const recorded = recordedPredictionHours(store, chosen, rfc3339(window.from), rfc3339(window.to));
  const label = subject ?? 'all deployed models';
  const when = periodText(period, input.q.periodWords, input.env.today);
  const models = `${chosen.length} deployed model${chosen.length === 1 ? '' : 's'}`;
  const source = { actualThrough: input.env.actualThrough, estimated: true };
  const sourceNote =
    'Source: replica-hours × catalog prices (estimated) and Monitoring prediction counts, over the same hours.';
  if (recorded.first === null || recorded.last === null) {
    return answer(input, {
      headline: `No predictions of ${label} were recorded ${when} (Monitoring has no traffic data for it then), so there is no cost per prediction.`,
      details: [`${models}.`],
      source,
      sourceNote,
    });
  }
  // Cost and predictions over the same hours: those Monitoring covered, not the whole period.
  const from = new Date(Math.max(window.from.getTime(), Date.parse(recorded.first)));
  const to = new Date(Math.min(window.to.getTime(), Date.parse(recorded.last) + HOUR_MS));
  const windowHours = (window.to.getTime() - window.from.getTime()) / HOUR_MS;
  const names = new Set(chosen.map((c) => `${c.endpointName}/deployedModels/${c.deployedModelId}`));
  // Only the chosen models are priced: their replica-hours are the expensive part, not the whole fleet's.
  const { total: cost, unpriced } = sumResourceCosts(resourceCosts(store, from, to, { names }));
  const predictions = predictionsServed(store, chosen, rfc3339(from), rfc3339(to));
  const perThousand = predictions > 0 && unpriced.length === 0 ? (cost / predictions) * 1000 : null;
  const coverage =
    recorded.hours >= Math.round(windowHours)
      ? `traffic recorded for all ${recorded.hours} hours`
      : `traffic recorded for ${recorded.hours} of ${Math.round(windowHours)} hours (${formatInstant(from)} – ${formatInstant(to)} UTC); cost counted over the same hours`;
  const headline =
    unpriced.length > 0
      ? `Cost per 1k predictions for ${label}, ${when}: unpriced (${unpriced.map((u) => u.unpricedReason).join('; ')})`
      : predictions === 0
        ? `${label} served no recorded predictions ${when}, so there is no cost per prediction; it cost ${moneyOf(input)(cost)}.`
        : `Cost per 1k predictions for ${label}, ${when}: ${formatUnitPrice(perThousand ?? 0, currencyOf(input))}`;
  return answer(input, {
    headline,
    details: [
      `${moneyOf(input)(cost)} estimated serving cost over ${Math.round(predictions).toLocaleString('en-US')} predictions (${models}); ${coverage}.`,
    ],
    total: perThousand,
    source,
    sourceNote,
  });
}

function formatInstant(at: Date): string {
  return rfc3339(at).slice(0, 16).replace('T', ' ');
}
