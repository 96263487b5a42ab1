// A simulator running the demo scenario, the real Google adapters pointed at it, and helpers to turn its live
// resources into findings, so remediation is exercised on the real wire.
import { fixedClock } from '../../src/app/clock.js';
import { createLogger } from '../../src/app/logger.js';
import { applyVerdicts, type Finding, getFinding } from '../../src/audit/findings.js';
import { deployedModelResource, type FindingDraft } from '../../src/audit/model.js';
import { type Config, configSchema } from '../../src/config/schema.js';
import type { Store } from '../../src/db/open.js';
import { createGcp, type Gcp } from '../../src/gcp/index.js';
import { loadScenarioFile } from '../../src/sim/scenario.js';
import { type RunningSimulator, startSimulator } from '../../src/sim/server.js';

export const SIM_NOW = new Date('2026-11-25T12:00:00Z');
export const DEMO_SCENARIO = 'config/scenarios/demo.yaml';

export interface SimHarness {
  sim: RunningSimulator;
  gcp: Gcp;
  requests(): Promise<Array<{ method: string; path: string; status: number; body?: unknown }>>;
  control(path: string, body: unknown, method?: string): Promise<unknown>;
  close(): Promise<void>;
}

export async function startSimHarness(config: Config = configSchema.parse({})): Promise<SimHarness> {
  const sim = await startSimulator({
    scenario: loadScenarioFile(DEMO_SCENARIO),
    port: 0,
    now: SIM_NOW,
    cancelDelayMs: 50,
  });
  const gcp = createGcp({
    env: { gcpEndpoint: sim.url },
    config,
    log: createLogger({ level: 'silent' }),
    sleep: async () => {},
  });
  const control = async (path: string, body: unknown, method = 'POST') => {
    const res = await fetch(`${sim.url}${path}`, {
      method,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`${path}: HTTP ${res.status} ${await res.text()}`);
    return res.json();
  };
  return {
    sim,
    gcp,
    async requests() {
      return (await (await fetch(`${sim.url}/_sim/requests`)).json()) as Array<{
        method: string;
        path: string;
        status: number;
        body?: unknown;
      }>;
    },
    control,
    async close() {
      await gcp.close();
      await sim.close();
    },
  };
}

/**
 * A finding for a live deployed model (as the idle rule would write it, with the endpoint's split as Google
 * reports it now), stored and read back.
 */
export async function idleFindingFor(
  store: Store,
  gcp: Gcp,
  project: string,
  region: string,
  displayName: string,
  overrides: Partial<FindingDraft> = {},
): Promise<Finding> {
  const endpoints = await gcp.vertex.listEndpoints(project, region);
  for (const endpoint of endpoints) {
    const model = endpoint.deployedModels.find((m) => m.displayName === displayName);
    if (!model) continue;
    const draft: FindingDraft = {
      rule: 'idle-endpoint',
      resource: deployedModelResource(endpoint.name, model.deployedModelId),
      project,
      region,
      severity: 'high',
      title: `Idle endpoint: ${displayName}`,
      reason: 'no predictions',
      evidence: {
        target: {
          type: 'deployed-model',
          endpointName: endpoint.name,
          deployedModelId: model.deployedModelId,
          displayName,
        },
        facts: [],
        trafficSplit: endpoint.deployedModels.map((m) => ({
          deployedModelId: m.deployedModelId,
          displayName: m.displayName,
          percent: endpoint.trafficSplit[m.deployedModelId] ?? 0,
        })),
      },
      labels: endpoint.labels,
      impactPerDay: 43.2,
      unpricedReason: null,
      suggestedAction: 'undeploy',
      suggestedValue: null,
      observedAt: SIM_NOW.toISOString(),
      ...overrides,
    };
    const [id] = applyVerdicts(store, [{ kind: 'finding', finding: draft }], [], SIM_NOW).opened;
    return getFinding(store, id!)!;
  }
  throw new Error(`no deployed model ${displayName} in ${project}/${region}`);
}

export async function runawayFindingFor(
  store: Store,
  gcp: Gcp,
  project: string,
  region: string,
  displayName: string,
): Promise<Finding> {
  const job = (await gcp.vertex.listJobs(project, region)).find((j) => j.displayName === displayName);
  if (!job) throw new Error(`no job ${displayName} in ${project}/${region}`);
  const draft: FindingDraft = {
    rule: 'runaway-training',
    resource: job.name,
    project,
    region,
    severity: 'high',
    title: `Runaway job: ${displayName}`,
    reason: 'running too long',
    evidence: { target: { type: 'job', jobName: job.name, kind: job.kind, displayName }, facts: [] },
    labels: job.labels,
    impactPerDay: 100,
    unpricedReason: null,
    suggestedAction: 'cancel',
    suggestedValue: null,
    observedAt: SIM_NOW.toISOString(),
  };
  const [id] = applyVerdicts(store, [{ kind: 'finding', finding: draft }], [], SIM_NOW).opened;
  return getFinding(store, id!)!;
}

export function clockAt(at: Date = SIM_NOW) {
  return fixedClock(at);
}
