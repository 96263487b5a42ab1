import type { JobKind } from './types.js';

/** The parts of a Vertex AI resource name: projects/{project}/locations/{region}/{collection}/{id}. */
export interface ResourceName {
  project: string;
  region: string;
  collection: string;
  id: string;
}

const RESOURCE_NAME = /^projects\/([^/]+)\/locations\/([^/]+)\/([A-Za-z]+)\/([^/]+)$/;

export function parseResourceName(name: string): ResourceName | null {
  const match = RESOURCE_NAME.exec(name);
  if (!match) return null;
  const [, project, region, collection, id] = match;
  return { project: project ?? '', region: region ?? '', collection: collection ?? '', id: id ?? '' };
}

const COLLECTION_KINDS: Record<string, JobKind> = {
  customJobs: 'custom',
  hyperparameterTuningJobs: 'hptuning',
  batchPredictionJobs: 'batch_prediction',
  trainingPipelines: 'training_pipeline',
  pipelineJobs: 'pipeline',
};

/** The job kind a resource name's collection stands for, or null for anything that is not a job. */
export function jobKindOfName(name: string): JobKind | null {
  const parsed = parseResourceName(name);
  return parsed ? (COLLECTION_KINDS[parsed.collection] ?? null) : null;
}

export function locationParent(project: string, region: string): string {
  return `projects/${project}/locations/${region}`;
}
