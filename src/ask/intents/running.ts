// What runs now: active jobs, deployed models with replicas, running persistent resources and deployment resource
// pools as of the last sync, at current catalog prices (models on a pool are counted with the pool); what has no
// price (models on automatic resources, say) is listed and named in the total, never counted as $0.
import { parseLabels } from '../../db/labels.js';
import { liveCapacity } from '../../db/queries/capacity.js';
import { runningDeployments } from '../../db/queries/deployedModels.js';
import { jobsInStates } from '../../db/queries/jobs.js';
import { lastSuccessfulSyncAt } from '../../db/queries/syncState.js';
import { ACTIVE_JOB_STATES } from '../../domain/jobs.js';
import { spendKindOfJob } from '../../domain/kinds.js';
import { formatMoney } from '../../money/format.js';
import type { Answer, QuestionOf } from '../types.js';
import { answer, currencyOf, describeFilters, pricedTotal } from './answerText.js';
import type { IntentInput } from './input.js';
import { matchesFilters } from './matching.js';

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

export function runningAnswer(input: IntentInput<QuestionOf<'running'>>): Answer {
  const { store } = input.ctx;
  // Labels only decide label filters here; without one, thousands of resources need not be read or parsed.
  const byLabel = Object.keys(input.filters.labels ?? {}).length > 0;
  const labelsFor = (json: string) => (byLabel ? parseLabels(json) : {});
  const items: RunningItem[] = [];
  const jobs = jobsInStates(store, [...ACTIVE_JOB_STATES], { labels: byLabel });
  for (const j of jobs) {
    items.push({
      key: `job ${j.displayName} (${j.state.toLowerCase()})`,
      project: j.project,
      region: j.region,
      labels: labelsFor(j.labels),
      kind: spendKindOfJob(j.kind),
      perHour: j.hourlyPrice,
      since: j.startTime,
      unpricedReason: j.unpricedReason,
    });
  }
  const deployments = runningDeployments(store, { labels: byLabel });
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
  const capacity = liveCapacity(store);
  for (const r of capacity.persistent) {
    items.push({
      key: `persistent resource ${r.display_name || lastSegment(r.name)} (${machines(r.replica_count)})`,
      project: r.project,
      region: r.region,
      labels: labelsFor(r.labels),
      kind: 'training',
      perHour: r.hourly_price,
      since: r.start_time,
      unpricedReason: r.unpriced_reason,
    });
  }
  for (const p of capacity.pools) {
    items.push({
      key: `resource pool ${lastSegment(p.name)} (${p.min_replicas} replica${p.min_replicas === 1 ? '' : 's'} minimum)`,
      project: p.project,
      region: p.region,
      labels: {},
      kind: 'prediction',
      perHour: p.hourly_price === null ? null : p.hourly_price * p.min_replicas,
      since: p.since,
      unpricedReason: p.unpriced_reason,
    });
  }
  const shown = items.filter((i) => matchesFilters(i, input));
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
  const currency = currencyOf(input);
  const unpricedCount = shown.length - priced.length;
  const cost = pricedTotal(input, perDay, priced.length, unpricedCount, 'per day');
  const running = `${shown.length} resource${shown.length === 1 ? '' : 's'} running${describeFilters(input.filters)}`;
  const headline =
    shown.length === 0
      ? `Nothing is running${describeFilters(input.filters)} as of the last sync.`
      : cost.total === null
        ? `${running}, costing ${cost.text}`
        : `${running}, costing about ${cost.text}${unpricedCount > 0 ? ',' : ''} at current catalog prices`;
  const details = shown
    .slice(0, 20)
    .map(
      (i) =>
        `${i.key} in ${i.project}/${i.region}: ${i.perHour === null ? `unpriced (${i.unpricedReason ?? 'no price'})` : `${formatMoney(i.perHour, currency)}/h`}${i.since ? `, since ${i.since.slice(0, 16).replace('T', ' ')} UTC` : ''}`,
    );
  if (shown.length > 20) details.push(`…and ${shown.length - 20} more.`);
  return answer(input, {
    headline,
    details,
    total: cost.total,
    rows,
    source: { actualThrough: input.env.actualThrough, estimated: true },
    sourceNote: `Source: resources as of the last sync${lastSync ? ` (${lastSync.slice(0, 16).replace('T', ' ')} UTC)` : ' (none recorded yet)'}; costs per day estimated from catalog prices.`,
  });
}

const lastSegment = (name: string) => name.slice(name.lastIndexOf('/') + 1);
const machines = (n: number) => `${n} machine${n === 1 ? '' : 's'}`;
