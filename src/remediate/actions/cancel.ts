import { CANCELLABLE_JOB_STATES } from '../../domain/jobs.js';
import type { RemediationAction } from './action.js';

/** Cancels a runaway job. Vertex AI takes the request and moves the job through CANCELLING to CANCELLED. */
export const cancelAction: RemediationAction = {
  id: 'cancel',
  target: 'job',
  buttonId: 'burnrate_alert_cancel',
  label: () => 'Cancel job',
  pastTense: 'Cancel requested',
  describe: (finding) => `cancel job ${finding.evidence.target.displayName}`,
  googleCalls: [
    'JobService.GetCustomJob',
    'JobService.CancelCustomJob',
    'JobService.GetHyperparameterTuningJob',
    'JobService.CancelHyperparameterTuningJob',
    'JobService.GetBatchPredictionJob',
    'JobService.CancelBatchPredictionJob',
    'PipelineService.GetTrainingPipeline',
    'PipelineService.CancelTrainingPipeline',
    'PipelineService.GetPipelineJob',
    'PipelineService.CancelPipelineJob',
  ],
  async recheck(finding, ctx) {
    const target = finding.evidence.target;
    if (target.type !== 'job') return { ok: false, reason: 'the finding does not name a job' };
    const job = await ctx.port.vertex.getJob(target.jobName, finding.project);
    if (!job) return { ok: false, reason: `job ${target.displayName} no longer exists` };
    if (!CANCELLABLE_JOB_STATES.has(job.state)) {
      return {
        ok: false,
        reason: `job ${target.displayName} is ${job.state} now, so there is nothing to cancel`,
      };
    }
    return { ok: true, detail: `job is ${job.state}` };
  },
  async perform(finding, ctx) {
    const target = finding.evidence.target;
    if (target.type !== 'job') return { result: 'refused', summary: 'the finding names no job' };
    const outcome = await ctx.port.vertex.cancelJob(target.jobName);
    if (outcome === 'requested')
      return { result: 'ok', summary: `cancel requested for job ${target.displayName}` };
    if (outcome === 'already-finished')
      return { result: 'refused', summary: `job ${target.displayName} had already finished` };
    return { result: 'refused', summary: `job ${target.displayName} no longer exists` };
  },
};
