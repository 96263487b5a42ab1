// Vertex AI capacity held outside jobs and endpoints: persistent resources and deployment resource pools,
// through the official clients. Built per region on first use, apart from the job and endpoint clients, since
// each client keeps its own protobuf descriptors in memory and most installations never list these.

import * as v1 from '@google-cloud/aiplatform/build/src/v1/index.js';
import type { CapacityApi } from './api.js';
import type { Caller } from './call.js';
import { type GcpTarget, vertexClientOptions } from './clientOptions.js';
import { deploymentResourcePoolFrom, persistentResourceFrom } from './resourceMapping.js';
import { locationParent } from './resourceNames.js';
import type { DeploymentResourcePool, PersistentResource } from './types.js';

interface CapacityClients {
  persistentResources: v1.PersistentResourceServiceClient;
  pools: v1.DeploymentResourcePoolServiceClient;
}

export class CapacityAdapter implements CapacityApi {
  private readonly clients = new Map<string, CapacityClients>();

  constructor(
    private readonly target: GcpTarget,
    private readonly caller: Caller,
  ) {}

  private regionClients(region: string): CapacityClients {
    const key = this.target.kind === 'endpoint' ? this.target.url : region;
    let clients = this.clients.get(key);
    if (!clients) {
      const options = vertexClientOptions(this.target, region);
      clients = {
        persistentResources: new v1.PersistentResourceServiceClient(options),
        pools: new v1.DeploymentResourcePoolServiceClient(options),
      };
      this.clients.set(key, clients);
    }
    return clients;
  }

  async listPersistentResources(project: string, region: string): Promise<PersistentResource[]> {
    const { persistentResources } = this.regionClients(region);
    const parent = locationParent(project, region);
    const items = await this.caller.listAll(
      'PersistentResourceService.ListPersistentResources',
      parent,
      (pageToken) =>
        persistentResources.listPersistentResources(
          { parent, pageToken, pageSize: this.caller.pageSize },
          this.caller.requestOptions,
        ),
    );
    return items.map((resource) => persistentResourceFrom(resource, { project, region }));
  }

  async listDeploymentResourcePools(project: string, region: string): Promise<DeploymentResourcePool[]> {
    const { pools } = this.regionClients(region);
    const parent = locationParent(project, region);
    const items = await this.caller.listAll(
      'DeploymentResourcePoolService.ListDeploymentResourcePools',
      parent,
      (pageToken) =>
        pools.listDeploymentResourcePools(
          { parent, pageToken, pageSize: this.caller.pageSize },
          this.caller.requestOptions,
        ),
    );
    return items.map((pool) => deploymentResourcePoolFrom(pool, { project, region }));
  }

  async close(): Promise<void> {
    const all = [...this.clients.values()].flatMap((c) => [c.persistentResources, c.pools]);
    this.clients.clear();
    await Promise.all(all.map((client) => client.close().catch(() => undefined)));
  }
}
