// Sync and audit wall time against the simulator: a generated scenario of projects × regions, every Google call
// delayed by a fixed latency, the real sync pass (real Google client libraries over HTTP) and the real audit.
// The bound is calls × latency ÷ concurrency: what perfect overlap of the calls would take.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fixedClock } from '../src/app/clock.js';
import { createLogger } from '../src/app/logger.js';
import { runAudit } from '../src/audit/runAudit.js';
import { runSyncPass } from '../src/collect/syncPass.js';
import { configSchema } from '../src/config/schema.js';
import { openStore } from '../src/db/open.js';
import { createGcp } from '../src/gcp/index.js';
import { loadScenarioFile, parseScenario, type ScenarioInput } from '../src/sim/scenario.js';
import { startSimulator } from '../src/sim/server.js';
import { BENCH_NOW, projectId, REGIONS } from './org.js';
import { round } from './stats.js';

export const SYNC_PROJECTS = 20;
export const SYNC_LATENCY_MS = 50;
// The two Monitoring metrics sync reads per project (prediction count, replicas).
const MONITORING_METRICS = 2;

export interface SyncFigure {
  projects: number;
  regions: number;
  latencyMs: number;
  concurrency: number;
  calls: number;
  callsByApi: Record<string, number>;
  monitoringCalls: number;
  monitoringCallsExpected: number;
  syncSeconds: number;
  /** A first pass without added latency, run before the measured one: it also pays the clients' cold start. */
  baselineSeconds: number;
  boundSeconds: number;
  ratio: number;
  syncOk: boolean;
  auditSeconds: number;
  findings: number;
}

/**
 * A scenario of `projects` projects (ids from `idOf`), each with endpoints and jobs in every region, on the demo
 * catalog.
 */
export function benchScenario(
  projects: number,
  demoScenarioPath: string,
  idOf: (i: number) => string = projectId,
): ScenarioInput {
  const demo = loadScenarioFile(demoScenarioPath);
  const ids = Array.from({ length: projects }, (_, i) => idOf(i));
  const endpoints: NonNullable<ScenarioInput['endpoints']> = [];
  const jobs: NonNullable<ScenarioInput['jobs']> = [];
  ids.forEach((project, p) => {
    REGIONS.forEach((region, r) => {
      endpoints.push({
        project,
        region,
        displayName: `serving-${p}-${r}`,
        labels: { team: `team-${p % 5}`, env: 'prod' },
        deployedModels: [
          {
            displayName: `model-${p}-${r}`,
            deployedHoursAgo: 400,
            machineType: 'n1-standard-4',
            minReplicas: 1 + (p % 3),
            traffic:
              r === 3
                ? { pattern: 'idle', perHourBefore: 500, idleSinceHoursAgo: 120 }
                : { pattern: 'diurnal', peakPerHour: 20_000, troughPerHour: 2000 },
          },
        ],
      });
      jobs.push({
        kind: 'custom',
        project,
        region,
        displayName: `train-${p}-${r}`,
        labels: { team: `team-${p % 5}` },
        machineType: 'n1-standard-8',
        startedHoursAgo: 30,
        durationHours: 2,
        repeat: { count: 3, everyHours: 24 },
      });
    });
  });
  return {
    projects: ids.map((id) => ({ id })),
    endpoints,
    jobs,
    catalog: { services: demo.catalog.services, skus: demo.catalog.skus },
    billing: { days: 30, seed: 3, streams: [] },
  };
}

function apiOf(path: string): string {
  if (path.startsWith('/bigquery/')) return 'bigquery';
  if (path.includes('/timeSeries')) return 'monitoring';
  if (path.includes('/services') || path.includes('/skus')) return 'catalog';
  return 'vertex';
}

export async function benchSync(demoScenarioPath: string): Promise<SyncFigure> {
  const scenario = parseScenario(benchScenario(SYNC_PROJECTS, demoScenarioPath), 'bench scenario');
  const sim = await startSimulator({
    scenario,
    port: 0,
    now: BENCH_NOW,
  });
  const dir = mkdtempSync(join(tmpdir(), 'burnrate-sync-'));
  const log = createLogger({ level: 'error' });
  const config = configSchema.parse({
    timezone: 'UTC',
    google: {
      projects: scenario.projects.map((p) => ({ id: p.id, regions: [...REGIONS] })),
      billingExport: { table: `${projectId(0)}.billing.gcp_billing_export_v1`, initialDays: 30 },
    },
  });
  const clock = fixedClock(BENCH_NOW);
  const gcp = createGcp({ env: { gcpEndpoint: sim.url }, config, log });
  const control = (path: string, method: string, body?: unknown) =>
    fetch(`${sim.url}/_sim/${path}`, {
      method,
      headers: { 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  const pass = async (file: string) => {
    const store = openStore(join(dir, file));
    const started = performance.now();
    const result = await runSyncPass({ store, gcp, config, clock, log });
    return { store, result, seconds: (performance.now() - started) / 1000 };
  };
  try {
    const baseline = await pass('baseline.db');
    baseline.store.close();
    await control('reset', 'POST');
    await control('faults', 'PUT', { rules: [{ latencyMs: SYNC_LATENCY_MS }] });
    const { store, result, seconds: syncSeconds } = await pass('sync.db');
    const requests = (await (await control('requests', 'GET')).json()) as Array<{ path: string }>;
    const callsByApi: Record<string, number> = {};
    for (const r of requests) callsByApi[apiOf(r.path)] = (callsByApi[apiOf(r.path)] ?? 0) + 1;
    const auditStarted = performance.now();
    const audit = runAudit({ store, config, clock, log });
    const auditSeconds = (performance.now() - auditStarted) / 1000;
    store.close();
    const boundSeconds = (requests.length * SYNC_LATENCY_MS) / config.google.concurrency / 1000;
    return {
      projects: SYNC_PROJECTS,
      regions: REGIONS.length,
      latencyMs: SYNC_LATENCY_MS,
      concurrency: config.google.concurrency,
      calls: requests.length,
      callsByApi,
      monitoringCalls: callsByApi.monitoring ?? 0,
      monitoringCallsExpected: SYNC_PROJECTS * MONITORING_METRICS,
      syncSeconds: round(syncSeconds),
      baselineSeconds: round(baseline.seconds),
      boundSeconds: round(boundSeconds),
      ratio: round(syncSeconds / boundSeconds),
      syncOk: result.ok && baseline.result.ok,
      auditSeconds: round(auditSeconds, 3),
      findings: audit.findings.length,
    };
  } finally {
    await gcp.close();
    await sim.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
