// The simulator's HTTP server: one node:http listener that answers Google's REST paths for Vertex AI, the
// Cloud Billing Catalog, Cloud Monitoring and BigQuery, plus the /_sim/ control paths. Requests pass through
// the request log and fault injection before reaching their route.

import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { bigQueryRoutes } from './bigquery.js';
import { BillingLedger } from './billing.js';
import { catalogRoutes } from './catalog.js';
import { rfc3339 } from './clock.js';
import { controlRoutes } from './control.js';
import { FaultInjector, type FaultsDocument } from './faults.js';
import { errorBody, GoogleApiError, readJsonBody, type SimRequest, sendJson } from './http.js';
import { monitoringRoutes } from './monitoring.js';
import { operationRoutes } from './operations.js';
import { RequestLog } from './requestLog.js';
import { matchRoute, type Route } from './router.js';
import type { Scenario } from './scenario.js';
import { SimState } from './state.js';
import { vertexEndpointRoutes } from './vertexEndpoints.js';
import { vertexJobRoutes } from './vertexJobs.js';
import { vertexResourceRoutes } from './vertexResources.js';

export interface SimulatorOptions {
  scenario: Scenario;
  /** 0 or omitted: any free port. */
  port?: number;
  host?: string;
  /** The simulated start time that the scenario's relative times count back from; default: the real time. */
  now?: Date;
  faults?: FaultsDocument;
  /** Real milliseconds a cancelled job reports CANCELLING before CANCELLED (default 1500). */
  cancelDelayMs?: number;
}

export interface RunningSimulator {
  url: string;
  port: number;
  close(): Promise<void>;
}

/** An injected 'timeout' holds the request this long at most (far beyond any client deadline). */
const HANG_MS = 10 * 60_000;

export async function startSimulator(opts: SimulatorOptions): Promise<RunningSimulator> {
  const host = opts.host ?? '127.0.0.1';
  const state = new SimState(opts.scenario, opts.now ?? new Date(), { cancelDelayMs: opts.cancelDelayMs });
  const ledger = new BillingLedger(state);
  const log = new RequestLog();
  const faults = new FaultInjector(opts.faults);
  const googleRoutes: Route[] = [
    ...vertexJobRoutes(state),
    ...vertexEndpointRoutes(state),
    ...vertexResourceRoutes(state),
    ...operationRoutes(state),
    ...catalogRoutes(state),
    ...monitoringRoutes(state),
    ...bigQueryRoutes(ledger),
  ];
  const simRoutes = controlRoutes({
    state,
    log,
    faults,
    resetFaults: () => faults.replace(opts.faults ?? { rules: [] }),
  });
  const hangTimers = new Set<NodeJS.Timeout>();

  const handle = async (incoming: IncomingMessage, response: ServerResponse) => {
    const url = new URL(incoming.url ?? '/', 'http://simulator');
    const method = (incoming.method ?? 'GET').toUpperCase();
    const path = safeDecode(url.pathname);
    const isControl = path.startsWith('/_sim/');
    const isBigQuery = path.startsWith('/bigquery/');
    const logged = isControl
      ? undefined
      : log.record({
          method,
          path,
          query: url.search.slice(1),
          time: new Date().toISOString(),
          simTime: rfc3339(state.clock.now()),
        });
    const answer = (status: number, body: unknown) => {
      if (logged) logged.status = status;
      sendJson(response, status, body);
    };
    try {
      const body = await readJsonBody(incoming);
      if (logged && method !== 'GET' && path.startsWith('/v1/') && body !== undefined) logged.body = body;
      if (!isControl) {
        const decision = faults.decide(method, path, safeDecode(url.search.slice(1).replace(/\+/g, ' ')));
        if (decision.latencyMs > 0) await sleep(decision.latencyMs);
        if (decision.outcome === 'timeout') {
          // Never answer: the client's own deadline has to fire.
          const timer = setTimeout(() => {
            hangTimers.delete(timer);
            response.destroy();
          }, HANG_MS);
          hangTimers.add(timer);
          return;
        }
        if (decision.outcome === 'error') {
          const injected = new GoogleApiError(
            decision.code,
            decision.message ?? `Injected fault: HTTP ${decision.code}.`,
            decision.retryDelaySeconds === undefined
              ? {}
              : { details: [retryInfo(decision.retryDelaySeconds)] },
          );
          answer(decision.code, errorBody(injected, isBigQuery));
          return;
        }
      }
      const request: SimRequest = { method, path, query: url.searchParams, body };
      const match = matchRoute(isControl ? simRoutes : googleRoutes, method, path);
      if (!match) throw new GoogleApiError(404, `The requested URL ${path} was not found on this server.`);
      if ('methodNotAllowed' in match)
        throw new GoogleApiError(405, `Method ${method} is not allowed on ${path}.`, {
          status: 'UNIMPLEMENTED',
        });
      const result = await match.route.handler(request, match.params);
      answer(result.status ?? 200, result.body);
    } catch (error) {
      const apiError =
        error instanceof GoogleApiError
          ? error
          : new GoogleApiError(500, `Internal simulator error: ${(error as Error).message ?? String(error)}`);
      answer(apiError.httpCode, errorBody(apiError, isBigQuery));
    }
  };

  const server = createServer((incoming, response) => {
    void handle(incoming, response);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve, reject) => {
        for (const timer of hangTimers) clearTimeout(timer);
        hangTimers.clear();
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

/** google.rpc.RetryInfo as Google puts it in error details: a Duration in seconds, e.g. "2.5s". */
function retryInfo(seconds: number): Record<string, unknown> {
  return { '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: `${seconds}s` };
}

function safeDecode(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
