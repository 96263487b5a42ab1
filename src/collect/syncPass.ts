// One collection pass: catalog prices, then every configured project × region (jobs, endpoints and capacity)
// alongside the billing export, then Monitoring traffic per project. Each scope succeeds or fails on its own; a
// failure is recorded with its error and the others carry on. All writes are idempotent upserts in transactions.

import { randomUUID } from 'node:crypto';
import type { Clock } from '../app/clock.js';
import type { Logger } from '../app/logger.js';
import type { Config } from '../config/schema.js';
import type { Store } from '../db/open.js';
import { finishSyncRun, startSyncRun } from '../db/queries/syncState.js';
import type { Gcp } from '../gcp/api.js';
import type { PriceBook } from '../pricing/priceBook.js';
import { loadPriceBook } from '../pricing/storedPriceBook.js';
import { collectJobs } from './collectJobs.js';
import { collectTraffic } from './collectTraffic.js';
import { forEachLimited } from './concurrency.js';
import { ingestBilling } from './ingestBilling.js';
import { refreshCatalog } from './refreshCatalog.js';
import { writePersistentResources, writeResourcePools } from './writeCapacity.js';
import { writeEndpoints } from './writeEndpoints.js';

export type ScopeKind = 'catalog' | 'vertex' | 'billing' | 'monitoring';

export interface ScopeOutcome {
  /** e.g. "catalog", "vertex ml-prod/us-central1", "billing", "monitoring ml-prod". */
  scope: string;
  kind: ScopeKind;
  ok: boolean;
  error: string | null;
  resourcesSeen: number;
  /** Data rows inserted or changed (bookkeeping such as last_seen is not counted). */
  rowsWritten: number;
  bytesScanned: number;
  durationMs: number;
  /** Why a scope did nothing, e.g. "catalog is fresh". */
  note: string | null;
}

export interface SyncPassResult {
  passId: string;
  startedAt: string;
  endedAt: string;
  durationMs: number;
  ok: boolean;
  scopes: ScopeOutcome[];
  totals: { resourcesSeen: number; rowsWritten: number; bytesScanned: number };
}

export interface SyncProgress {
  done: number;
  total: number;
  /** The scope that just finished. */
  scope: ScopeOutcome;
}

export interface SyncDeps {
  store: Store;
  gcp: Gcp;
  config: Config;
  clock: Clock;
  log: Logger;
  onProgress?: (progress: SyncProgress) => void;
}

interface ScopeWork {
  resourcesSeen?: number;
  rowsWritten?: number;
  bytesScanned?: number;
  note?: string;
}

/** Runs one pass over everything configured; never throws for a scope's failure (see `ok` and `scopes`). */
export async function runSyncPass(deps: SyncDeps): Promise<SyncPassResult> {
  const { store, gcp, config, clock, log } = deps;
  const passId = randomUUID();
  const now = clock.now();
  const nowIso = now.toISOString();
  const started = performance.now();
  const google = config.google;
  const regionScopes = google.projects.flatMap((p) => p.regions.map((region) => ({ project: p.id, region })));
  const total = 1 + regionScopes.length + (gcp.billing ? 1 : 0) + google.projects.length;
  const outcomes: ScopeOutcome[] = [];

  // Without credentials every scope fails with the same clear reason, and no client is built.
  const credentialProblem = await gcp.checkCredentials().then(
    () => null,
    (err: unknown) => (err instanceof Error ? err : new Error(String(err))),
  );

  const runScope = async (scope: string, kind: ScopeKind, work: () => Promise<ScopeWork>): Promise<void> => {
    const scopeStart = performance.now();
    const runId = startSyncRun(store, passId, scope, clock.now().toISOString());
    let outcome: ScopeOutcome;
    try {
      if (credentialProblem) throw credentialProblem;
      const result = await work();
      outcome = {
        scope,
        kind,
        ok: true,
        error: null,
        resourcesSeen: result.resourcesSeen ?? 0,
        rowsWritten: result.rowsWritten ?? 0,
        bytesScanned: result.bytesScanned ?? 0,
        durationMs: Math.round(performance.now() - scopeStart),
        note: result.note ?? null,
      };
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      log.warn({ scope, error: message }, 'sync scope failed');
      outcome = {
        scope,
        kind,
        ok: false,
        error: message,
        resourcesSeen: 0,
        rowsWritten: 0,
        bytesScanned: 0,
        durationMs: Math.round(performance.now() - scopeStart),
        note: null,
      };
    }
    finishSyncRun(store, runId, { ...outcome, endedAt: clock.now().toISOString() });
    outcomes.push(outcome);
    deps.onProgress?.({ done: outcomes.length, total, scope: outcome });
  };

  // Prices first: jobs and deployed models are priced as they are written.
  await runScope('catalog', 'catalog', () => refreshCatalog(deps, now));
  const prices = loadPriceBook(store, now, config.currency);

  const billing = gcp.billing;
  const tasks: Array<() => Promise<void>> = regionScopes.map(
    ({ project, region }) =>
      () =>
        runScope(`vertex ${project}/${region}`, 'vertex', () =>
          collectRegion(deps, project, region, prices, nowIso),
        ),
  );
  if (billing) tasks.push(() => runScope('billing', 'billing', () => ingestBilling(deps, now)));
  await forEachLimited(tasks, google.concurrency, (task) => task());

  // Traffic last: Monitoring names endpoints by id, resolved against the endpoints just listed.
  await forEachLimited(google.projects, google.concurrency, (p) =>
    runScope(`monitoring ${p.id}`, 'monitoring', () => collectTraffic(deps, p.id, now)),
  );

  const totals = {
    resourcesSeen: sum(outcomes, 'resourcesSeen'),
    rowsWritten: sum(outcomes, 'rowsWritten'),
    bytesScanned: sum(outcomes, 'bytesScanned'),
  };
  return {
    passId,
    startedAt: nowIso,
    endedAt: clock.now().toISOString(),
    durationMs: Math.round(performance.now() - started),
    ok: outcomes.every((o) => o.ok),
    scopes: outcomes,
    totals,
  };
}

function sum(outcomes: ScopeOutcome[], key: 'resourcesSeen' | 'rowsWritten' | 'bytesScanned'): number {
  return outcomes.reduce((total, o) => total + o[key], 0);
}

/**
 * Jobs, endpoints, persistent resources and deployment resource pools of one project and region; what listed
 * fine is written even when another list failed.
 */
async function collectRegion(
  deps: SyncDeps,
  project: string,
  region: string,
  prices: PriceBook,
  nowIso: string,
): Promise<ScopeWork> {
  const { gcp, store, config } = deps;
  const scope = { project, region };
  const [jobs, endpoints, persistent, pools] = await Promise.allSettled([
    collectJobs({ vertex: gcp.vertex, sqlite: store.sqlite, config }, scope, prices, new Date(nowIso)),
    gcp.vertex.listEndpoints(project, region),
    gcp.capacity.listPersistentResources(project, region),
    gcp.capacity.listDeploymentResourcePools(project, region),
  ]);
  let resourcesSeen = 0;
  let rowsWritten = 0;
  if (jobs.status === 'fulfilled') {
    resourcesSeen += jobs.value.seen;
    rowsWritten += jobs.value.written;
  }
  if (endpoints.status === 'fulfilled') {
    resourcesSeen += endpoints.value.reduce((n, e) => n + 1 + e.deployedModels.length, 0);
    rowsWritten += writeEndpoints(store.sqlite, scope, endpoints.value, prices, nowIso);
  }
  if (persistent.status === 'fulfilled') {
    resourcesSeen += persistent.value.length;
    rowsWritten += writePersistentResources(store.sqlite, scope, persistent.value, prices, nowIso);
  }
  if (pools.status === 'fulfilled') {
    resourcesSeen += pools.value.length;
    rowsWritten += writeResourcePools(store.sqlite, scope, pools.value, prices, nowIso);
  }
  const failures = [jobs, endpoints, persistent, pools].filter(
    (r): r is PromiseRejectedResult => r.status === 'rejected',
  );
  if (failures.length > 0) {
    throw new Error(
      failures.map((f) => (f.reason instanceof Error ? f.reason.message : String(f.reason))).join('; '),
    );
  }
  return { resourcesSeen, rowsWritten };
}
