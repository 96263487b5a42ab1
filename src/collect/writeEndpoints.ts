// Endpoints of one project and region → endpoints, deployed_models and deployed_model_snapshots. Endpoints no
// longer listed are marked gone and their models undeployed; models no longer on a listed endpoint are marked
// undeployed. A snapshot row is added only when a model's replica settings or deployed state change.

import type Database from 'better-sqlite3';
import type { DeployedModel, VertexEndpoint } from '../gcp/types.js';
import type { PriceBook } from '../pricing/priceBook.js';
import { priceDeployedModel } from '../pricing/resourcePrices.js';
import { sortedLabels } from './writeJobs.js';

interface StoredEndpoint {
  name: string;
  displayName: string;
  labels: string;
  createTime: string | null;
  goneAt: string | null;
}

interface StoredModel {
  endpointName: string;
  deployedModelId: string;
  model: string;
  displayName: string;
  dedicated: number;
  machineType: string | null;
  acceleratorType: string | null;
  acceleratorCount: number;
  minReplicas: number;
  maxReplicas: number;
  spot: number;
  createTime: string | null;
  undeployedAt: string | null;
  hourlyPrice: number | null;
  unpricedReason: string | null;
  priceSource: string | null;
}

type ModelColumns = Omit<StoredModel, 'endpointName' | 'deployedModelId'>;

const modelKey = (endpointName: string, deployedModelId: string) => `${endpointName}\u0000${deployedModelId}`;

export function writeEndpoints(
  sqlite: Database.Database,
  scope: { project: string; region: string },
  listed: readonly VertexEndpoint[],
  prices: PriceBook,
  now: string,
): number {
  const storedEndpoints = new Map(
    sqlite
      .prepare<[string, string], StoredEndpoint>(
        `SELECT name, display_name AS displayName, labels, create_time AS createTime, gone_at AS goneAt
           FROM endpoints WHERE project = ? AND region = ?`,
      )
      .all(scope.project, scope.region)
      .map((row) => [row.name, row] as const),
  );
  const storedModels = new Map(
    sqlite
      .prepare<[string, string], StoredModel>(
        `SELECT d.endpoint_name AS endpointName, d.deployed_model_id AS deployedModelId, d.model, d.display_name AS displayName,
                d.dedicated, d.machine_type AS machineType, d.accelerator_type AS acceleratorType,
                d.accelerator_count AS acceleratorCount, d.min_replicas AS minReplicas, d.max_replicas AS maxReplicas,
                d.spot, d.create_time AS createTime, d.undeployed_at AS undeployedAt, d.hourly_price AS hourlyPrice,
                d.unpriced_reason AS unpricedReason, d.price_source AS priceSource
           FROM deployed_models d JOIN endpoints e ON e.name = d.endpoint_name
          WHERE e.project = ? AND e.region = ?`,
      )
      .all(scope.project, scope.region)
      .map((row) => [modelKey(row.endpointName, row.deployedModelId), row] as const),
  );

  const upsertEndpoint = sqlite.prepare(
    `INSERT INTO endpoints (name, project, region, display_name, labels, create_time, first_seen, last_seen, gone_at)
     VALUES (@name, @project, @region, @displayName, @labels, @createTime, @now, @now, NULL)
     ON CONFLICT (name) DO UPDATE SET display_name = excluded.display_name, labels = excluded.labels,
       create_time = excluded.create_time, last_seen = excluded.last_seen, gone_at = NULL`,
  );
  const touchEndpoint = sqlite.prepare(
    'UPDATE endpoints SET last_seen = ? WHERE name = ? AND last_seen IS NOT ?',
  );
  const markEndpointGone = sqlite.prepare(
    'UPDATE endpoints SET gone_at = ? WHERE name = ? AND gone_at IS NULL',
  );
  const upsertModel = sqlite.prepare(
    `INSERT INTO deployed_models (endpoint_name, deployed_model_id, model, display_name, dedicated, machine_type,
                                  accelerator_type, accelerator_count, min_replicas, max_replicas, spot, create_time,
                                  first_seen, last_seen, undeployed_at, hourly_price, unpriced_reason, price_source)
     VALUES (@endpointName, @deployedModelId, @model, @displayName, @dedicated, @machineType, @acceleratorType,
             @acceleratorCount, @minReplicas, @maxReplicas, @spot, @createTime, @now, @now, @undeployedAt,
             @hourlyPrice, @unpricedReason, @priceSource)
     ON CONFLICT (endpoint_name, deployed_model_id) DO UPDATE SET
       model = excluded.model, display_name = excluded.display_name, dedicated = excluded.dedicated,
       machine_type = excluded.machine_type, accelerator_type = excluded.accelerator_type,
       accelerator_count = excluded.accelerator_count, min_replicas = excluded.min_replicas,
       max_replicas = excluded.max_replicas, spot = excluded.spot, create_time = excluded.create_time,
       last_seen = excluded.last_seen, undeployed_at = excluded.undeployed_at, hourly_price = excluded.hourly_price,
       unpriced_reason = excluded.unpriced_reason, price_source = excluded.price_source`,
  );
  const touchModel = sqlite.prepare(
    'UPDATE deployed_models SET last_seen = ? WHERE endpoint_name = ? AND deployed_model_id = ? AND last_seen IS NOT ?',
  );
  const markUndeployed = sqlite.prepare(
    `UPDATE deployed_models SET undeployed_at = ?
      WHERE endpoint_name = ? AND deployed_model_id = ? AND undeployed_at IS NULL`,
  );
  const snapshot = sqlite.prepare(
    `INSERT OR IGNORE INTO deployed_model_snapshots
       (endpoint_name, deployed_model_id, observed_at, min_replicas, max_replicas, deployed)
     VALUES (?, ?, ?, ?, ?, ?)`,
  );

  const undeploy = (stored: StoredModel): number => {
    const changed = markUndeployed.run(now, stored.endpointName, stored.deployedModelId).changes;
    if (changed === 0) return 0;
    return (
      changed +
      snapshot.run(
        stored.endpointName,
        stored.deployedModelId,
        now,
        stored.minReplicas,
        stored.maxReplicas,
        0,
      ).changes
    );
  };

  const write = sqlite.transaction(() => {
    let written = 0;
    const seenEndpoints = new Set<string>();
    const seenModels = new Set<string>();
    for (const endpoint of listed) {
      seenEndpoints.add(endpoint.name);
      const before = storedEndpoints.get(endpoint.name);
      const labels = JSON.stringify(sortedLabels(endpoint.labels));
      const unchanged =
        before &&
        before.goneAt === null &&
        before.displayName === endpoint.displayName &&
        before.labels === labels &&
        before.createTime === endpoint.createTime;
      if (unchanged) touchEndpoint.run(now, endpoint.name, now);
      else {
        written += upsertEndpoint.run({
          name: endpoint.name,
          project: scope.project,
          region: scope.region,
          displayName: endpoint.displayName,
          labels,
          createTime: endpoint.createTime,
          now,
        }).changes;
      }
      for (const model of endpoint.deployedModels) {
        const key = modelKey(endpoint.name, model.deployedModelId);
        seenModels.add(key);
        const stored = storedModels.get(key);
        const columns = modelColumns(model, prices, scope.region);
        if (stored && sameModel(stored, columns)) {
          touchModel.run(now, endpoint.name, model.deployedModelId, now);
          continue;
        }
        written += upsertModel.run({
          endpointName: endpoint.name,
          deployedModelId: model.deployedModelId,
          now,
          ...columns,
        }).changes;
        const replicasChanged =
          !stored ||
          stored.undeployedAt !== null ||
          stored.minReplicas !== columns.minReplicas ||
          stored.maxReplicas !== columns.maxReplicas;
        if (replicasChanged) {
          written += snapshot.run(
            endpoint.name,
            model.deployedModelId,
            now,
            columns.minReplicas,
            columns.maxReplicas,
            1,
          ).changes;
        }
      }
    }
    for (const stored of storedModels.values()) {
      const endpointListed = seenEndpoints.has(stored.endpointName);
      const modelListed = seenModels.has(modelKey(stored.endpointName, stored.deployedModelId));
      if (stored.undeployedAt === null && (!endpointListed || !modelListed)) written += undeploy(stored);
    }
    for (const stored of storedEndpoints.values()) {
      if (!seenEndpoints.has(stored.name)) written += markEndpointGone.run(now, stored.name).changes;
    }
    return written;
  });
  return write();
}

function modelColumns(model: DeployedModel, prices: PriceBook, region: string): ModelColumns {
  const estimate = priceDeployedModel(prices, model, region);
  return {
    model: model.model,
    displayName: model.displayName,
    dedicated: model.dedicated ? 1 : 0,
    machineType: model.machine.machineType,
    acceleratorType: model.machine.acceleratorType,
    acceleratorCount: model.machine.acceleratorCount,
    minReplicas: model.minReplicas,
    maxReplicas: model.maxReplicas,
    spot: model.spot ? 1 : 0,
    createTime: model.createTime,
    undeployedAt: null,
    hourlyPrice: estimate.hourlyPrice,
    unpricedReason: estimate.unpricedReason,
    priceSource: estimate.priceSource,
  };
}

function sameModel(before: StoredModel, after: ModelColumns): boolean {
  return (Object.keys(after) as Array<keyof ModelColumns>).every((key) => before[key] === after[key]);
}
