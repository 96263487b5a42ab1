// Pieces shared by the Vertex AI routes: resolving the project and region of a path, and the wire form of
// machine specs. Vertex answers with names built from the same project identifier the caller used.

import { GoogleApiError } from './http.js';
import type { MachineRequest, SimProject, SimState } from './state.js';

export interface VertexScope {
  project: SimProject;
  /** The project as written in the request path (id or number), reused in the names we answer with. */
  projectSegment: string;
  region: string;
}

export function resolveScope(
  state: SimState,
  params: Record<string, string>,
  permission: string,
  resource: string,
): VertexScope {
  const projectSegment = params.project ?? '';
  const region = params.location ?? '';
  const project = state.findProject(projectSegment);
  if (!project) {
    // Google does not reveal whether a project exists to callers who may not see it.
    throw new GoogleApiError(
      403,
      `Permission '${permission}' denied on resource '//aiplatform.googleapis.com/${resource}' (or it may not exist).`,
    );
  }
  return { project, projectSegment, region };
}

export function parentName(scope: VertexScope): string {
  return `projects/${scope.projectSegment}/locations/${scope.region}`;
}

export function machineSpecJson(machine: MachineRequest): Record<string, unknown> {
  const spec: Record<string, unknown> = { machineType: machine.machineType };
  if (machine.acceleratorType && machine.acceleratorCount > 0) {
    spec.acceleratorType = machine.acceleratorType;
    spec.acceleratorCount = machine.acceleratorCount;
  }
  if (machine.reservation) {
    spec.reservationAffinity = {
      reservationAffinityType: 'SPECIFIC_RESERVATION',
      key: 'compute.googleapis.com/reservation-name',
      values: [machine.reservation],
    };
  }
  return spec;
}

/** Proto3 JSON leaves out empty maps; an empty labels object is fine to omit. */
export function withLabels(
  resource: Record<string, unknown>,
  labels: Record<string, string>,
): Record<string, unknown> {
  if (Object.keys(labels).length > 0) resource.labels = { ...labels };
  return resource;
}
