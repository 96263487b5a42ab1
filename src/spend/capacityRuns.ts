// Capacity held outside jobs and endpoints, as runs (see resourceRuns.ts): a persistent resource costs from the
// time it first ran until it is gone, at the price of every machine it holds (one unit); a deployment resource
// pool from its creation until it is gone, per replica times its minimum replicas.

import { parseLabels } from '../db/labels.js';
import type { Store } from '../db/open.js';
import { persistentResourcesOverlapping, resourcePoolsOverlapping } from '../db/queries/capacity.js';
import type { Run } from './resourceTypes.js';

const lastSegment = (name: string) => name.slice(name.lastIndexOf('/') + 1);

export function capacityRuns(store: Store, fromIso: string, toIso: string): Run[] {
  const runs: Run[] = [];
  for (const r of persistentResourcesOverlapping(store, fromIso, toIso)) {
    const startMs = Date.parse(r.start_time);
    const endMs = r.gone_at ? Date.parse(r.gone_at) : Number.POSITIVE_INFINITY;
    runs.push({
      info: {
        type: 'persistent-resource',
        name: r.name,
        displayName: r.display_name || lastSegment(r.name),
        endpointName: null,
        deployedModelId: null,
        endpoint: null,
        model: null,
        job: null,
        project: r.project,
        region: r.region,
        kind: 'training',
        machineType: r.machine_type,
        accelerator: r.accelerator_type,
        labels: parseLabels(r.labels),
        unpricedReason: r.hourly_price === null ? (r.unpriced_reason ?? 'no catalog price') : null,
      },
      hourlyPrice: r.hourly_price,
      startMs,
      endMs,
      planned: [{ fromMs: startMs, toMs: endMs, units: 1 }],
    });
  }
  for (const p of resourcePoolsOverlapping(store, fromIso, toIso)) {
    const startMs = Date.parse(p.since);
    const endMs = p.gone_at ? Date.parse(p.gone_at) : Number.POSITIVE_INFINITY;
    runs.push({
      info: {
        type: 'resource-pool',
        name: p.name,
        displayName: lastSegment(p.name),
        endpointName: null,
        deployedModelId: null,
        endpoint: null,
        model: null,
        job: null,
        project: p.project,
        region: p.region,
        kind: 'prediction',
        machineType: p.machine_type,
        accelerator: p.accelerator_type,
        labels: {},
        unpricedReason: p.hourly_price === null ? (p.unpriced_reason ?? 'no catalog price') : null,
      },
      hourlyPrice: p.hourly_price,
      startMs,
      endMs,
      planned: [{ fromMs: startMs, toMs: endMs, units: p.min_replicas }],
    });
  }
  return runs;
}
