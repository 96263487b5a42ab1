// Endpoints of one project and region → endpoints, deployed_models and deployed_model_snapshots. Endpoints no
// longer listed are marked gone and their models undeployed; models no longer on a listed endpoint are marked
// undeployed. A snapshot row is added only when a model's replica settings or deployed state change.

import type Database from 'better-sqlite3';
import {
  markEndpointGone,
  markModelUndeployed,
  type StoredModel,
  snapshotDeployedModel,
  storedEndpointsOf,
  storedModelsOf,
  touchDeployedModel,
  touchEndpoint,
  upsertDeployedModel,
  upsertEndpoint,
} from '../db/queries/endpoints.js';
import { inTransaction } from '../db/rows.js';
import { trafficShare } from '../gcp/trafficSplit.js';
import type { DeployedModel, VertexEndpoint } from '../gcp/types.js';
import type { PriceBook } from '../pricing/priceBook.js';
import { priceDeployedModel } from '../pricing/resourcePrices.js';
import { sortedLabels } from './writeJobs.js';

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
    storedEndpointsOf(sqlite, scope.project, scope.region).map((row) => [row.name, row] as const),
  );
  const storedModels = new Map(
    storedModelsOf(sqlite, scope.project, scope.region).map(
      (row) => [modelKey(row.endpointName, row.deployedModelId), row] as const,
    ),
  );

  const undeploy = (stored: StoredModel): number => {
    const changed = markModelUndeployed(sqlite, stored.endpointName, stored.deployedModelId, now);
    if (changed === 0) return 0;
    return (
      changed +
      snapshotDeployedModel(sqlite, {
        endpointName: stored.endpointName,
        deployedModelId: stored.deployedModelId,
        observedAt: now,
        minReplicas: stored.minReplicas,
        maxReplicas: stored.maxReplicas,
        deployed: false,
      })
    );
  };

  return inTransaction(sqlite, () => {
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
        before.createTime === endpoint.createTime &&
        before.kind === endpoint.kind &&
        before.trafficVisibility === endpoint.trafficVisibility;
      if (unchanged) touchEndpoint(sqlite, endpoint.name, now);
      else {
        written += upsertEndpoint(
          sqlite,
          {
            name: endpoint.name,
            project: scope.project,
            region: scope.region,
            displayName: endpoint.displayName,
            labels,
            createTime: endpoint.createTime,
            kind: endpoint.kind,
            trafficVisibility: endpoint.trafficVisibility,
          },
          now,
        );
      }
      for (const model of endpoint.deployedModels) {
        const key = modelKey(endpoint.name, model.deployedModelId);
        seenModels.add(key);
        const stored = storedModels.get(key);
        const columns = modelColumns(
          model,
          trafficShare(endpoint.trafficSplit, model.deployedModelId),
          prices,
          scope.region,
        );
        if (stored && sameModel(stored, columns)) {
          touchDeployedModel(sqlite, endpoint.name, model.deployedModelId, now);
          continue;
        }
        written += upsertDeployedModel(
          sqlite,
          { endpointName: endpoint.name, deployedModelId: model.deployedModelId, ...columns },
          now,
        );
        const replicasChanged =
          !stored ||
          stored.undeployedAt !== null ||
          stored.minReplicas !== columns.minReplicas ||
          stored.maxReplicas !== columns.maxReplicas;
        if (replicasChanged) {
          written += snapshotDeployedModel(sqlite, {
            endpointName: endpoint.name,
            deployedModelId: model.deployedModelId,
            observedAt: now,
            minReplicas: columns.minReplicas,
            maxReplicas: columns.maxReplicas,
            deployed: true,
          });
        }
      }
    }
    for (const stored of storedModels.values()) {
      const endpointListed = seenEndpoints.has(stored.endpointName);
      const modelListed = seenModels.has(modelKey(stored.endpointName, stored.deployedModelId));
      if (stored.undeployedAt === null && (!endpointListed || !modelListed)) written += undeploy(stored);
    }
    for (const stored of storedEndpoints.values()) {
      if (!seenEndpoints.has(stored.name)) written += markEndpointGone(sqlite, stored.name, now);
    }
    return written;
  });
}

function modelColumns(
  model: DeployedModel,
  trafficPercent: number,
  prices: PriceBook,
  region: string,
): ModelColumns {
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
    spot: model.provisioning === 'spot' ? 1 : 0,
    createTime: model.createTime,
    trafficPercent,
    sharedResources: model.sharedResources ?? null,
    undeployedAt: null,
    hourlyPrice: estimate.hourlyPrice,
    unpricedReason: estimate.unpricedReason,
    priceSource: estimate.priceSource,
  };
}

function sameModel(before: StoredModel, after: ModelColumns): boolean {
  return (Object.keys(after) as Array<keyof ModelColumns>).every((key) => before[key] === after[key]);
}
