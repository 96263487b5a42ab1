// Every Google call the adapters make (as they name it in errors and logs) → the IAM permissions it needs, and
// whether it changes anything. Facts from Google's Vertex AI, Monitoring and BigQuery permission references.
// docs/iam.md grants exactly these; a test keeps the two, the adapters and the remediation actions in step.

export interface GoogleCall {
  permissions: readonly string[];
  /** True when the call changes a user's cloud (only remediation actions make these). */
  mutates: boolean;
}

const read = (...permissions: string[]): GoogleCall => ({ permissions, mutates: false });
const change = (...permissions: string[]): GoogleCall => ({ permissions, mutates: true });

export const GOOGLE_CALLS: Readonly<Record<string, GoogleCall>> = {
  'JobService.ListCustomJobs': read('aiplatform.customJobs.list'),
  'JobService.GetCustomJob': read('aiplatform.customJobs.get'),
  'JobService.CancelCustomJob': change('aiplatform.customJobs.cancel'),
  'JobService.ListHyperparameterTuningJobs': read('aiplatform.hyperparameterTuningJobs.list'),
  'JobService.GetHyperparameterTuningJob': read('aiplatform.hyperparameterTuningJobs.get'),
  'JobService.CancelHyperparameterTuningJob': change('aiplatform.hyperparameterTuningJobs.cancel'),
  'JobService.ListBatchPredictionJobs': read('aiplatform.batchPredictionJobs.list'),
  'JobService.GetBatchPredictionJob': read('aiplatform.batchPredictionJobs.get'),
  'JobService.CancelBatchPredictionJob': change('aiplatform.batchPredictionJobs.cancel'),
  'PipelineService.ListTrainingPipelines': read('aiplatform.trainingPipelines.list'),
  'PipelineService.GetTrainingPipeline': read('aiplatform.trainingPipelines.get'),
  'PipelineService.CancelTrainingPipeline': change('aiplatform.trainingPipelines.cancel'),
  'PipelineService.ListPipelineJobs': read('aiplatform.pipelineJobs.list'),
  'PipelineService.GetPipelineJob': read('aiplatform.pipelineJobs.get'),
  'PipelineService.CancelPipelineJob': change('aiplatform.pipelineJobs.cancel'),
  'EndpointService.ListEndpoints': read('aiplatform.endpoints.list'),
  'EndpointService.GetEndpoint': read('aiplatform.endpoints.get'),
  // Both start long-running operations, which the adapter then polls.
  'EndpointService.UndeployModel': change('aiplatform.endpoints.undeploy', 'aiplatform.operations.get'),
  'EndpointService.MutateDeployedModel': change('aiplatform.endpoints.update', 'aiplatform.operations.get'),
  'PersistentResourceService.ListPersistentResources': read('aiplatform.persistentResources.list'),
  'DeploymentResourcePoolService.ListDeploymentResourcePools': read(
    'aiplatform.deploymentResourcePools.list',
  ),
  'MetricService.ListTimeSeries': read('monitoring.timeSeries.list'),
  // The catalog is public to any authenticated caller.
  'CloudCatalog.ListServices': read(),
  'CloudCatalog.ListSkus': read(),
  // Granted on the billing project and export dataset (roles/bigquery.jobUser + dataViewer), not in the role.
  'bigquery.jobs.query': read(),
};

/** The permissions a list of calls needs, sorted and without repeats. */
export function permissionsFor(calls: readonly string[]): string[] {
  return [...new Set(calls.flatMap((c) => GOOGLE_CALLS[c]?.permissions ?? []))].sort();
}
