// Estimated spend for days the billing export does not cover yet: what deployed models and jobs cost by their
// stored hourly prices over the hours they ran (src/spend/resourceCosts.ts), per day, kind and project. Billing
// rows stay the truth for days they cover; this fills the gap after the export's actual-through day.

import type { Store } from '../db/open.js';
import type { SpendKind } from '../domain/kinds.js';
import type { Slice } from '../domain/slice.js';
import type { Day } from '../time/days.js';
import { estimateByGroup } from './groupedEstimates.js';
import { dayWindows, type ResourceInfo } from './resourceCosts.js';

export interface EstimatedSpendRow {
  day: Day;
  project: string;
  kind: SpendKind;
  amount: number;
  estimated: true;
}

export interface SpendEstimate {
  rows: EstimatedSpendRow[];
  total: number;
  /** Resources that ran in the period but have no price, so the total leaves them out. */
  unpriced: Array<{ resource: string; reason: string }>;
  estimated: true;
}

export interface EstimateSpendOptions {
  store: Store;
  /** First day (inclusive), YYYY-MM-DD in `timezone`. */
  fromDay: Day;
  /** Day after the last (exclusive). */
  toDay: Day;
  timezone: string;
  /** Nothing is estimated past this instant (the clock's now). */
  now: Date;
  /** Only what lies in this slice (its projects and labels are used). */
  scope?: Slice;
}

function unpricedName(r: ResourceInfo): string {
  return r.type === 'deployment' ? `${r.endpointName} deployedModel ${r.deployedModelId}` : r.name;
}

/** Per day, kind and project: the estimated cost of what ran, by the prices stored on jobs and deployed models. */
export function estimateSpend(opts: EstimateSpendOptions): SpendEstimate {
  const days = dayWindows(opts);
  const estimate = estimateByGroup(
    opts.store,
    days.map((d) => d.window),
    { projects: opts.scope?.projects, labels: opts.scope?.labels },
    (r) => `${r.kind}\u0000${r.project}`,
    { cells: true, labels: false },
  );
  const rows: EstimatedSpendRow[] = [];
  days.forEach(({ day }, i) => {
    estimate.keys.forEach((key, g) => {
      const amount = estimate.cells.cell(g, i);
      const [kind, project] = key.split('\u0000') as [SpendKind, string];
      if (amount > 0) rows.push({ day, project, kind, amount, estimated: true });
    });
  });
  rows.sort(
    (a, b) =>
      a.day.localeCompare(b.day) || a.kind.localeCompare(b.kind) || a.project.localeCompare(b.project),
  );
  return {
    rows,
    total: rows.reduce((sum, row) => sum + row.amount, 0),
    unpriced: estimate.unpriced.map((r) => ({
      resource: unpricedName(r),
      reason: r.unpricedReason ?? 'no catalog price',
    })),
    estimated: true,
  };
}
