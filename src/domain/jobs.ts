// Vertex AI jobs as burnrate reasons about them: their kinds, their states, and which states mean what. Each
// meaning has one set, so "what's running", "what did it cost" and "can it be cancelled" agree about a job.

export const JOB_KINDS = ['custom', 'hptuning', 'training_pipeline', 'pipeline', 'batch_prediction'] as const;
export type JobKind = (typeof JOB_KINDS)[number];

/** Vertex AI job states by name (JOB_STATE_*, PIPELINE_STATE_* are mapped to these). */
export type JobState =
  | 'QUEUED'
  | 'PENDING'
  | 'RUNNING'
  | 'SUCCEEDED'
  | 'FAILED'
  | 'CANCELLING'
  | 'CANCELLED'
  | 'PAUSED'
  | 'EXPIRED'
  | 'UPDATING'
  | 'PARTIALLY_SUCCEEDED'
  | 'UNSPECIFIED';

export const KNOWN_JOB_STATES: ReadonlySet<JobState> = new Set<JobState>([
  'QUEUED',
  'PENDING',
  'RUNNING',
  'SUCCEEDED',
  'FAILED',
  'CANCELLING',
  'CANCELLED',
  'PAUSED',
  'EXPIRED',
  'UPDATING',
  'PARTIALLY_SUCCEEDED',
]);

// A job in one of these states will not run again: its end time is final and its price is kept as it ran.
export const FINISHED_JOB_STATES: ReadonlySet<string> = new Set<JobState>([
  'SUCCEEDED',
  'FAILED',
  'CANCELLED',
  'EXPIRED',
  'PARTIALLY_SUCCEEDED',
]);

// Jobs holding their machines now or about to (queued for them): what "what's running" lists, and the jobs whose
// cost keeps accruing until their end time is known. A paused pipeline holds nothing until it resumes.
export const ACTIVE_JOB_STATES: ReadonlySet<string> = new Set<JobState>([
  'QUEUED',
  'PENDING',
  'RUNNING',
  'CANCELLING',
  'UPDATING',
]);

// Vertex AI accepts a cancel only for jobs that have not ended; CANCELLING means a cancel is already under way.
export const CANCELLABLE_JOB_STATES: ReadonlySet<string> = new Set<JobState>([
  'QUEUED',
  'PENDING',
  'RUNNING',
  'PAUSED',
  'UPDATING',
]);

// Job kinds that train a model (custom jobs, tuning, training pipelines).
export const TRAINING_JOB_KINDS: ReadonlySet<string> = new Set<JobKind>([
  'custom',
  'hptuning',
  'training_pipeline',
]);
