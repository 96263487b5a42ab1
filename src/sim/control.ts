// The simulator's own control paths under /_sim/ (contract in docs/simulator.md): inspect the request log, reset,
// move the clock, change a model's traffic, and set fault rules.

import { rfc3339 } from './clock.js';
import { type FaultInjector, FaultsError } from './faults.js';
import { bodyObject, GoogleApiError, invalidArgument, notFound } from './http.js';
import type { RequestLog } from './requestLog.js';
import { type Route, route } from './router.js';
import type { SimState } from './state.js';

export interface ControlContext {
  state: SimState;
  log: RequestLog;
  faults: FaultInjector;
  /** Restores the fault rules the simulator was started with. */
  resetFaults(): void;
}

export function controlRoutes(context: ControlContext): Route[] {
  const { state, log, faults } = context;
  const clock = () => ({ now: rfc3339(state.clock.now()) });
  return [
    route('GET', '/_sim/requests', () => ({ body: log.all() })),
    route('GET', '/_sim/clock', () => ({ body: clock() })),
    route('POST', '/_sim/reset', () => {
      state.reset();
      log.clear();
      context.resetFaults();
      return { body: clock() };
    }),
    route('POST', '/_sim/advance', (request) => {
      const hours = bodyObject(request).hours;
      if (typeof hours !== 'number' || !Number.isFinite(hours) || hours <= 0) {
        throw invalidArgument('Body must be {"hours": N} with N a positive number.');
      }
      state.advanceHours(hours);
      return { body: clock() };
    }),
    route('POST', '/_sim/traffic', (request) => {
      const body = bodyObject(request);
      const { endpoint: endpointName, deployedModelId, predictionsPerHour } = body;
      const match =
        typeof endpointName === 'string'
          ? /^projects\/([^/]+)\/locations\/([^/]+)\/endpoints\/([^/]+)$/.exec(endpointName)
          : null;
      if (!match || typeof deployedModelId !== 'string') {
        throw invalidArgument(
          'Body must be {"endpoint": "projects/P/locations/R/endpoints/ID", "deployedModelId": "…", "predictionsPerHour": N}.',
        );
      }
      if (
        typeof predictionsPerHour !== 'number' ||
        !Number.isFinite(predictionsPerHour) ||
        predictionsPerHour < 0
      ) {
        throw invalidArgument('predictionsPerHour must be a number ≥ 0.');
      }
      const [, projectSegment = '', region = '', endpointId = ''] = match;
      const project = state.findProject(projectSegment);
      const endpoint = project && state.findEndpoint(project, region, endpointId);
      if (!endpoint) throw notFound(`Endpoint ${endpointName}`);
      const model = state.liveModels(endpoint).find((candidate) => candidate.id === deployedModelId);
      if (!model) throw notFound(`DeployedModel ${deployedModelId} of ${endpointName}`);
      model.trafficOverrides.push({ fromMs: state.clock.nowMs(), perHour: predictionsPerHour });
      state.version++;
      return { body: { ...clock(), endpoint: endpointName, deployedModelId, predictionsPerHour } };
    }),
    route('GET', '/_sim/faults', () => ({ body: faults.current() })),
    route('PUT', '/_sim/faults', (request) => {
      try {
        faults.replace(request.body);
      } catch (error) {
        if (error instanceof FaultsError) throw new GoogleApiError(400, error.message);
        throw error;
      }
      return { body: faults.current() };
    }),
  ];
}
