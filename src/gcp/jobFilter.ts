// List filters (AIP-160, as Vertex AI documents them per list method) and read masks that keep a job sync
// cheap: only what changed, only the fields burnrate reads.
//
// What Google supports (google/cloud/aiplatform/v1/job_service.proto, pipeline_service.proto):
// - ListCustomJobs, ListHyperparameterTuningJobs, ListBatchPredictionJobs, ListTrainingPipelines filter on
//   `state` (=, !=), `create_time` (comparisons, RFC 3339), `display_name`, `labels` — not on update_time;
// - ListPipelineJobs also filters on `update_time` and `end_time`;
// - every one of them takes a `read_mask`.

import type { JobKind, JobState } from './types.js';

export interface JobListCriteria {
  /**
   * RFC 3339 watermark. Pipeline jobs: those updated after it. Other kinds, which cannot filter on update time:
   * those created after it or still in a non-final state (a job that finished since the watermark is neither:
   * read it by name).
   */
  changedSince?: string;
  /** Only jobs in one of these states. */
  states?: readonly JobState[];
}

/** States a job can still leave: a job in one of them may change on its own. */
export const ACTIVE_JOB_STATES: readonly JobState[] = [
  'QUEUED',
  'PENDING',
  'RUNNING',
  'CANCELLING',
  'PAUSED',
  'UPDATING',
];

const PIPELINE_KINDS = new Set<JobKind>(['training_pipeline', 'pipeline']);

/** The wire name of a state for a job kind: JOB_STATE_RUNNING, or PIPELINE_STATE_RUNNING for pipelines. */
export function wireJobState(kind: JobKind, state: JobState): string {
  return `${PIPELINE_KINDS.has(kind) ? 'PIPELINE_STATE_' : 'JOB_STATE_'}${state}`;
}

/**
 * The filter string for one list method, or undefined for no filter. In AIP-160 OR binds tighter than AND, so
 * `a AND b OR c` means `a AND (b OR c)`; the parentheses are written anyway, for people reading logs.
 */
export function jobListFilter(kind: JobKind, criteria: JobListCriteria = {}): string | undefined {
  const clauses: string[] = [];
  if (criteria.changedSince !== undefined) {
    const since = rfc3339(criteria.changedSince);
    if (kind === 'pipeline') clauses.push(`update_time>"${since}"`);
    else
      clauses.push(
        anyOf([
          `create_time>"${since}"`,
          ...ACTIVE_JOB_STATES.map((s) => `state="${wireJobState(kind, s)}"`),
        ]),
      );
  }
  if (criteria.states && criteria.states.length > 0) {
    clauses.push(anyOf(criteria.states.map((s) => `state="${wireJobState(kind, s)}"`)));
  }
  return clauses.length > 0 ? clauses.join(' AND ') : undefined;
}

function anyOf(terms: readonly string[]): string {
  return terms.length === 1 ? (terms[0] ?? '') : `(${terms.join(' OR ')})`;
}

function rfc3339(text: string): string {
  const ms = Date.parse(text);
  if (Number.isNaN(ms)) throw new RangeError(`not an RFC 3339 time: ${JSON.stringify(text)}`);
  return new Date(ms).toISOString();
}

/**
 * Pipeline jobs carry their whole compiled pipeline and every task's details (pipelineSpec, jobDetail): often
 * hundreds of kilobytes each. burnrate reads only these.
 */
export const PIPELINE_JOB_READ_MASK: readonly string[] = [
  'name',
  'displayName',
  'state',
  'labels',
  'createTime',
  'startTime',
  'endTime',
  'updateTime',
];
