// SQL reads the ask engine needs; to be moved under src/db/queries. Each read names what it returns, and its
// rows are checked against a schema here, so the answers above it hold no SQL and no unchecked row shapes.
import { z } from 'zod';
import type { Store } from '../db/open.js';
import { rfc3339 } from '../spend/resourceCosts.js';

const activeJobRow = z.object({
  displayName: z.string(),
  project: z.string(),
  region: z.string(),
  kind: z.string(),
  /** The stored labels column (JSON text); parse with db/labels.ts. */
  labels: z.string(),
  hourlyPrice: z.number().nullable(),
  unpricedReason: z.string().nullable(),
  startTime: z.string().nullable(),
  state: z.string(),
});
export type ActiveJobRow = z.infer<typeof activeJobRow>;

/** Jobs in any of `states`, oldest start first. */
export function jobsInStates(store: Store, states: readonly string[]): ActiveJobRow[] {
  const rows = store.sqlite
    .prepare(
      `SELECT display_name AS displayName, project, region, kind, labels, hourly_price AS hourlyPrice,
              unpriced_reason AS unpricedReason, start_time AS startTime, state
         FROM jobs WHERE state IN (${states.map(() => '?').join(', ')}) ORDER BY start_time`,
    )
    .all(...states);
  return z.array(activeJobRow).parse(rows);
}

const dedicatedDeploymentRow = z.object({
  endpoint: z.string(),
  model: z.string(),
  project: z.string(),
  region: z.string(),
  /** The endpoint's stored labels column (JSON text). */
  labels: z.string(),
  minReplicas: z.number(),
  /** Per replica. */
  hourlyPrice: z.number().nullable(),
  unpricedReason: z.string().nullable(),
  since: z.string().nullable(),
});
export type DedicatedDeploymentRow = z.infer<typeof dedicatedDeploymentRow>;

/** Models deployed now on dedicated replicas of live endpoints, by endpoint and model name. */
export function dedicatedDeployments(store: Store): DedicatedDeploymentRow[] {
  const rows = store.sqlite
    .prepare(
      `SELECT e.display_name AS endpoint, d.display_name AS model, e.project, e.region, e.labels,
              d.min_replicas AS minReplicas, d.hourly_price AS hourlyPrice, d.unpriced_reason AS unpricedReason,
              COALESCE(d.create_time, d.first_seen) AS since
         FROM deployed_models d JOIN endpoints e ON e.name = d.endpoint_name
        WHERE d.undeployed_at IS NULL AND e.gone_at IS NULL AND d.dedicated = 1
        ORDER BY e.display_name, d.display_name`,
    )
    .all();
  return z.array(dedicatedDeploymentRow).parse(rows);
}

const lastSyncRow = z.object({ at: z.string().nullable() });

/** When the last successful sync run ended (or started, if it recorded no end); null before any. */
export function lastSuccessfulSyncAt(store: Store): string | null {
  const row = store.sqlite
    .prepare('SELECT MAX(COALESCE(ended_at, started_at)) AS at FROM sync_runs WHERE ok = 1')
    .get();
  return lastSyncRow.parse(row).at;
}

const deploymentTrafficRow = z.object({
  endpoint: z.string(),
  model: z.string(),
  project: z.string(),
  region: z.string(),
  /** The endpoint's stored labels column (JSON text). */
  labels: z.string(),
  minReplicas: z.number(),
  /** Per replica. */
  hourlyPrice: z.number().nullable(),
  /** Hours with a traffic row in the window. */
  hours: z.number(),
  predictions: z.number(),
});
export type DeploymentTrafficRow = z.infer<typeof deploymentTrafficRow>;

/** Each model deployed now on dedicated replicas of a live endpoint, with its recorded traffic in [from, to). */
export function dedicatedDeploymentTraffic(store: Store, from: Date, to: Date): DeploymentTrafficRow[] {
  const rows = store.sqlite
    .prepare(
      `SELECT e.display_name AS endpoint, d.display_name AS model, e.project, e.region, e.labels,
              d.min_replicas AS minReplicas, d.hourly_price AS hourlyPrice, COUNT(t.hour) AS hours,
              COALESCE(SUM(t.predictions), 0) AS predictions
         FROM deployed_models d
         JOIN endpoints e ON e.name = d.endpoint_name
         LEFT JOIN traffic_hourly t ON t.endpoint_name = d.endpoint_name AND t.deployed_model_id = d.deployed_model_id
                                   AND t.hour >= ? AND t.hour < ?
        WHERE d.undeployed_at IS NULL AND e.gone_at IS NULL AND d.dedicated = 1
        GROUP BY d.endpoint_name, d.deployed_model_id`,
    )
    .all(rfc3339(from), rfc3339(to));
  return z.array(deploymentTrafficRow).parse(rows);
}

const countRow = z.object({ n: z.number() });

/** True once any audit finding was recorded, whatever its status. */
export function anyFindingRecorded(store: Store): boolean {
  return countRow.parse(store.sqlite.prepare('SELECT COUNT(*) AS n FROM findings').get()).n > 0;
}

const deployedModelRow = z.object({
  endpointName: z.string(),
  deployedModelId: z.string(),
  model: z.string(),
  endpoint: z.string(),
  project: z.string(),
  region: z.string(),
  /** The endpoint's stored labels column (JSON text). */
  labels: z.string(),
});
export type DeployedModelRow = z.infer<typeof deployedModelRow>;

/** Every deployed model ever seen, current or not, with its endpoint's names, place and labels. */
export function deployedModelsWithEndpoints(store: Store): DeployedModelRow[] {
  const rows = store.sqlite
    .prepare(
      `SELECT d.endpoint_name AS endpointName, d.deployed_model_id AS deployedModelId, d.display_name AS model,
              e.display_name AS endpoint, e.project, e.region, e.labels
         FROM deployed_models d JOIN endpoints e ON e.name = d.endpoint_name`,
    )
    .all();
  return z.array(deployedModelRow).parse(rows);
}

/** Predictions Monitoring recorded for these deployed models in [from, to), summed. */
export function predictionsServed(
  store: Store,
  models: ReadonlyArray<Pick<DeployedModelRow, 'endpointName' | 'deployedModelId'>>,
  from: Date,
  to: Date,
): number {
  const statement = store.sqlite.prepare(
    `SELECT COALESCE(SUM(predictions), 0) AS n FROM traffic_hourly
      WHERE endpoint_name = ? AND deployed_model_id = ? AND hour >= ? AND hour < ?`,
  );
  let predictions = 0;
  for (const m of models) {
    predictions += countRow.parse(
      statement.get(m.endpointName, m.deployedModelId, rfc3339(from), rfc3339(to)),
    ).n;
  }
  return predictions;
}
