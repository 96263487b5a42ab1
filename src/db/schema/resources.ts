import { index, integer, primaryKey, real, sqliteTable, text } from 'drizzle-orm/sqlite-core';

// Current state of every Vertex AI job seen by sync. Times are RFC 3339 UTC strings; labels are JSON objects.
export const jobs = sqliteTable(
  'jobs',
  {
    name: text('name').primaryKey(),
    project: text('project').notNull(),
    region: text('region').notNull(),
    kind: text('kind').notNull(), // JobKind
    displayName: text('display_name').notNull(),
    state: text('state').notNull(),
    labels: text('labels').notNull().default('{}'),
    machineType: text('machine_type'),
    acceleratorType: text('accelerator_type'),
    acceleratorCount: integer('accelerator_count').notNull().default(0),
    replicaCount: integer('replica_count').notNull().default(1),
    spot: integer('spot', { mode: 'boolean' }).notNull().default(false),
    createTime: text('create_time'),
    startTime: text('start_time'),
    endTime: text('end_time'),
    timeoutSeconds: integer('timeout_seconds'),
    // When Google last changed the job (updateTime), as read.
    updateTime: text('update_time'),
    firstSeen: text('first_seen').notNull(),
    lastSeen: text('last_seen').notNull(),
    // Set when Google no longer has the job (a full list without it, or a read by name answering 404).
    goneAt: text('gone_at'),
    // Estimate from catalog prices for the whole job (every replica of every worker pool); null hourly price
    // means unpriced and unpricedReason says why.
    hourlyPrice: real('hourly_price'),
    unpricedReason: text('unpriced_reason'),
    priceSource: text('price_source'),
    // Batch prediction: the replica-hours Google reports the job used so far (resourcesConsumed.replicaHours);
    // null when not reported. Its cost is these at the per-replica price, not replicas × wall time.
    replicaHours: real('replica_hours'),
  },
  (t) => [
    index('jobs_state_idx').on(t.state),
    index('jobs_project_region_idx').on(t.project, t.region),
    // Spend estimates ask for jobs still running or ended inside a window: both are lookups on end_time.
    index('jobs_end_time_idx').on(t.endTime),
  ],
);

// One row per observed change of a job (state or shape), so history is kept without a row per sync pass.
export const jobSnapshots = sqliteTable(
  'job_snapshots',
  {
    jobName: text('job_name').notNull(),
    observedAt: text('observed_at').notNull(),
    state: text('state').notNull(),
    replicaCount: integer('replica_count').notNull(),
  },
  (t) => [primaryKey({ columns: [t.jobName, t.observedAt] })],
);

export const endpoints = sqliteTable('endpoints', {
  name: text('name').primaryKey(),
  project: text('project').notNull(),
  region: text('region').notNull(),
  displayName: text('display_name').notNull(),
  labels: text('labels').notNull().default('{}'),
  createTime: text('create_time'),
  // How the endpoint is reached (EndpointKind) and which Monitoring metric sees its requests (TrafficVisibility);
  // rows stored before these were read stay unknown until the next sync, so none is judged idle on a guess.
  kind: text('kind'),
  trafficVisibility: text('traffic_visibility').notNull().default('unknown'),
  firstSeen: text('first_seen').notNull(),
  lastSeen: text('last_seen').notNull(),
  // Set when the endpoint is no longer listed by Vertex AI.
  goneAt: text('gone_at'),
});

export const deployedModels = sqliteTable(
  'deployed_models',
  {
    endpointName: text('endpoint_name').notNull(),
    deployedModelId: text('deployed_model_id').notNull(),
    model: text('model').notNull(),
    displayName: text('display_name').notNull(),
    dedicated: integer('dedicated', { mode: 'boolean' }).notNull(),
    machineType: text('machine_type'),
    acceleratorType: text('accelerator_type'),
    acceleratorCount: integer('accelerator_count').notNull().default(0),
    minReplicas: integer('min_replicas').notNull(),
    maxReplicas: integer('max_replicas').notNull(),
    spot: integer('spot', { mode: 'boolean' }).notNull().default(false),
    createTime: text('create_time'),
    // The model's share of its endpoint's requests (the endpoint's trafficSplit), whole percent.
    trafficPercent: integer('traffic_percent').notNull().default(0),
    // The deployment resource pool whose machines the model shares (billed with the pool), if any.
    sharedResources: text('shared_resources'),
    firstSeen: text('first_seen').notNull(),
    lastSeen: text('last_seen').notNull(),
    // Set when the model is no longer deployed on its endpoint.
    undeployedAt: text('undeployed_at'),
    hourlyPrice: real('hourly_price'), // per replica
    unpricedReason: text('unpriced_reason'),
    priceSource: text('price_source'),
  },
  (t) => [primaryKey({ columns: [t.endpointName, t.deployedModelId] })],
);

export const deployedModelSnapshots = sqliteTable(
  'deployed_model_snapshots',
  {
    endpointName: text('endpoint_name').notNull(),
    deployedModelId: text('deployed_model_id').notNull(),
    observedAt: text('observed_at').notNull(),
    minReplicas: integer('min_replicas').notNull(),
    maxReplicas: integer('max_replicas').notNull(),
    deployed: integer('deployed', { mode: 'boolean' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.endpointName, t.deployedModelId, t.observedAt] })],
);

// Hourly Monitoring data per deployed model; replicas is the mean replica count in the hour.
export const trafficHourly = sqliteTable(
  'traffic_hourly',
  {
    endpointName: text('endpoint_name').notNull(),
    deployedModelId: text('deployed_model_id').notNull(),
    hour: text('hour').notNull(),
    predictions: real('predictions'),
    replicas: real('replicas'),
    // Responses of private services access endpoints (prediction/online/private/response_count), whose
    // requests prediction_count does not count.
    privateResponses: real('private_responses'),
  },
  (t) => [primaryKey({ columns: [t.endpointName, t.deployedModelId, t.hour] })],
);

// Hourly resource use per deployed model, read for projects with dedicated accelerator deployments: accelerator
// duty cycle and CPU utilization as fractions (mean over the hour and the replicas), accelerator and host memory in
// bytes (the hour's peak on the fullest replica). A missing value is no data, never zero use.
export const utilizationHourly = sqliteTable(
  'utilization_hourly',
  {
    endpointName: text('endpoint_name').notNull(),
    deployedModelId: text('deployed_model_id').notNull(),
    hour: text('hour').notNull(),
    acceleratorDutyCycle: real('accelerator_duty_cycle'),
    acceleratorMemoryBytes: real('accelerator_memory_bytes'),
    cpuUtilization: real('cpu_utilization'),
    memoryBytes: real('memory_bytes'),
  },
  (t) => [primaryKey({ columns: [t.endpointName, t.deployedModelId, t.hour] })],
);

// What span of Monitoring data a project's last successful fetch covered, per metric; rules use it to tell
// "no traffic" from "no telemetry".
export const telemetryCoverage = sqliteTable(
  'telemetry_coverage',
  {
    project: text('project').notNull(),
    metric: text('metric').notNull(),
    coveredFrom: text('covered_from'),
    coveredTo: text('covered_to'),
    lastAttemptAt: text('last_attempt_at').notNull(),
    lastError: text('last_error'),
  },
  (t) => [primaryKey({ columns: [t.project, t.metric] })],
);
