// The shape of the synthetic organisation the benchmarks run against, as pure functions of (scale, seed): names,
// labels, SKUs and a seeded random source, shared by the generator and the question list.

/** The benchmark's "now": every period in the questions is relative to it, so runs are comparable. */
export const BENCH_NOW = new Date('2026-11-28T15:00:00Z');
/** Billing export is final through two days before now (the export's usual lag). */
export const BENCH_ACTUAL_THROUGH = '2026-11-26';

export const FULL_SIZE = {
  projects: 200,
  deployedModels: 2000,
  jobs: 100_000,
  billingDays: 365,
  trafficHours: 720,
} as const;

export const REGIONS = ['us-central1', 'europe-west4', 'asia-northeast1', 'us-east4'] as const;
export const TEAMS = [
  'search',
  'ads',
  'fraud',
  'recs',
  'vision',
  'speech',
  'maps',
  'risk',
  'growth',
  'infra',
  'support',
  'pricing',
  'ranking',
  'safety',
  'translate',
  'forecast',
  'ops',
  'music',
  'video',
  'health',
] as const;
export const ENVS = ['prod', 'staging', 'dev'] as const;

/** Billing SKUs: description (its words decide the kind), id, and a typical daily cost per row. */
export const PREDICTION_SKUS = [
  { id: 'P-CPU', description: 'Vertex AI: Online/Batch Prediction N1 Predefined Instance Core', daily: 14 },
  { id: 'P-RAM', description: 'Vertex AI: Online/Batch Prediction N1 Predefined Instance Ram', daily: 4 },
  { id: 'P-GPU', description: 'Vertex AI: Online/Batch Prediction NVIDIA Tesla T4 GPU', daily: 30 },
] as const;
export const TRAINING_SKUS = [
  { id: 'T-CPU', description: 'Vertex AI: Custom Training A2 Instance Core', daily: 20 },
  { id: 'T-RAM', description: 'Vertex AI: Custom Training A2 Instance Ram', daily: 6 },
  { id: 'T-GPU', description: 'Vertex AI: Custom Training NVIDIA A100 GPU', daily: 120 },
] as const;
export const PIPELINE_SKUS = [
  { id: 'L-RUN', description: 'Vertex AI Pipelines: Pipeline Run', daily: 3 },
  { id: 'L-CPU', description: 'Vertex AI Pipelines: E2 Instance Core', daily: 5 },
] as const;
export const OTHER_SKUS = [
  { id: 'O-FS', description: 'Vertex AI: Feature Store Online Serving Node', daily: 8 },
  { id: 'O-VS', description: 'Vertex AI: Vector Search Index Storage', daily: 2 },
  { id: 'O-MD', description: 'Vertex AI: Metadata Storage', daily: 1 },
  { id: 'O-TB', description: 'Vertex AI: Tensorboard Storage', daily: 1 },
  { id: 'O-WB', description: 'Vertex AI: Workbench Instance Core', daily: 6 },
  { id: 'O-WR', description: 'Vertex AI: Workbench Instance Ram', daily: 2 },
] as const;

/** Sizes at a scale (1 = the full organisation); every count at least what the questions need. */
export function sizesAt(scale: number) {
  const projects = Math.max(2, Math.round(FULL_SIZE.projects * scale));
  return {
    projects,
    modelsPerProject: Math.max(2, Math.round(FULL_SIZE.deployedModels / FULL_SIZE.projects)),
    jobsPerProject: Math.max(10, Math.round(FULL_SIZE.jobs / FULL_SIZE.projects)),
    billingDays: FULL_SIZE.billingDays,
    trafficHours: FULL_SIZE.trafficHours,
  };
}

export function projectId(i: number): string {
  return `org-proj-${String(i).padStart(3, '0')}`;
}

export function projectTeam(i: number): string {
  return TEAMS[i % TEAMS.length] as string;
}

export function projectEnv(i: number): string {
  return ENVS[i % ENVS.length] as string;
}

/** Each project serves from one home region and trains in it and the next one. */
export function projectRegion(i: number, offset = 0): string {
  return REGIONS[(i + offset) % REGIONS.length] as string;
}

export function modelName(project: number, model: number): string {
  return `${projectTeam(project)}-model-${String(project).padStart(3, '0')}-${model}`;
}

/** mulberry32: small, fast, and the same sequence for the same seed on every machine. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}
