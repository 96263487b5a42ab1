// docs/iam.md grants exactly what src/gcp calls: every Google call the adapters make has its permission in the
// right role, and the roles hold nothing more.

import { describe, expect, it } from 'vitest';
import { collect, repoFile, sourceFiles } from './support/sources.js';

// Google call (as the adapters name it in errors and logs) → the IAM permissions it needs, and whether only
// remediation makes it. Facts from Google's Vertex AI, Monitoring and BigQuery permission references.
const CALLS: Record<string, { permissions: string[]; remediation: boolean }> = {
  'JobService.ListCustomJobs': { permissions: ['aiplatform.customJobs.list'], remediation: false },
  'JobService.GetCustomJob': { permissions: ['aiplatform.customJobs.get'], remediation: false },
  'JobService.CancelCustomJob': { permissions: ['aiplatform.customJobs.cancel'], remediation: true },
  'JobService.ListHyperparameterTuningJobs': {
    permissions: ['aiplatform.hyperparameterTuningJobs.list'],
    remediation: false,
  },
  'JobService.GetHyperparameterTuningJob': {
    permissions: ['aiplatform.hyperparameterTuningJobs.get'],
    remediation: false,
  },
  'JobService.CancelHyperparameterTuningJob': {
    permissions: ['aiplatform.hyperparameterTuningJobs.cancel'],
    remediation: true,
  },
  'JobService.ListBatchPredictionJobs': {
    permissions: ['aiplatform.batchPredictionJobs.list'],
    remediation: false,
  },
  'JobService.GetBatchPredictionJob': {
    permissions: ['aiplatform.batchPredictionJobs.get'],
    remediation: false,
  },
  'JobService.CancelBatchPredictionJob': {
    permissions: ['aiplatform.batchPredictionJobs.cancel'],
    remediation: true,
  },
  'PipelineService.ListTrainingPipelines': {
    permissions: ['aiplatform.trainingPipelines.list'],
    remediation: false,
  },
  'PipelineService.GetTrainingPipeline': {
    permissions: ['aiplatform.trainingPipelines.get'],
    remediation: false,
  },
  'PipelineService.CancelTrainingPipeline': {
    permissions: ['aiplatform.trainingPipelines.cancel'],
    remediation: true,
  },
  'PipelineService.ListPipelineJobs': { permissions: ['aiplatform.pipelineJobs.list'], remediation: false },
  'PipelineService.GetPipelineJob': { permissions: ['aiplatform.pipelineJobs.get'], remediation: false },
  'PipelineService.CancelPipelineJob': { permissions: ['aiplatform.pipelineJobs.cancel'], remediation: true },
  'EndpointService.ListEndpoints': { permissions: ['aiplatform.endpoints.list'], remediation: false },
  'EndpointService.GetEndpoint': { permissions: ['aiplatform.endpoints.get'], remediation: false },
  // Both start long-running operations, which the adapter then polls.
  'EndpointService.UndeployModel': {
    permissions: ['aiplatform.endpoints.undeploy', 'aiplatform.operations.get'],
    remediation: true,
  },
  'EndpointService.MutateDeployedModel': {
    permissions: ['aiplatform.endpoints.update', 'aiplatform.operations.get'],
    remediation: true,
  },
  'MetricService.ListTimeSeries': { permissions: ['monitoring.timeSeries.list'], remediation: false },
  // The catalog is public to any authenticated caller.
  'CloudCatalog.ListServices': { permissions: [], remediation: false },
  'CloudCatalog.ListSkus': { permissions: [], remediation: false },
  // Granted on the billing project and export dataset (roles/bigquery.jobUser + dataViewer), not in the role.
  'bigquery.jobs.query': { permissions: [], remediation: false },
};

const doc = repoFile('docs/iam.md');

function rolePermissions(role: string): string[] {
  const match = new RegExp(
    `gcloud iam roles create ${role} [^\\n]*(?:\\\\\\n[^\\n]*)*?--permissions=([a-zA-Z.,]+)`,
  ).exec(doc);
  expect(match, `docs/iam.md has no \`gcloud iam roles create ${role} … --permissions=…\``).not.toBeNull();
  return (match?.[1] ?? '').split(',').sort();
}

describe('docs/iam.md', () => {
  const calls = collect(
    sourceFiles('src/gcp'),
    /['`]((?:[A-Z][A-Za-z]+Service|CloudCatalog)\.[A-Z][A-Za-z]+|bigquery\.jobs\.query)\b/g,
  );

  it('knows every Google call the adapters make', () => {
    expect(calls.size).toBeGreaterThan(10);
    const unknown = [...calls.keys()].filter((c) => !(c in CALLS));
    expect(unknown, 'calls in src/gcp without a permission decision in CALLS').toEqual([]);
  });

  it('gives the remediator role exactly the permissions of every call', () => {
    const expected = [...new Set([...calls.keys()].flatMap((c) => CALLS[c]?.permissions ?? []))].sort();
    expect(rolePermissions('burnrateRemediator')).toEqual(expected);
  });

  it('gives the reader role exactly the permissions of the read-only calls', () => {
    const readOnly = [...calls.keys()].filter((c) => CALLS[c]?.remediation === false);
    const expected = [...new Set(readOnly.flatMap((c) => CALLS[c]?.permissions ?? []))].sort();
    expect(rolePermissions('burnrateReader')).toEqual(expected);
  });

  it('lists every call and permission in its table', () => {
    for (const call of calls.keys()) expect(doc).toContain(call);
    for (const permission of rolePermissions('burnrateRemediator'))
      expect(doc).toContain(`| \`${permission}\``);
  });

  it('the copy-paste setup grants the reader; the remediator is a separate, opt-in step', () => {
    // remediation.mode defaults to notify-only: a grant of cancel/undeploy/update must be asked for.
    const grants = [...doc.matchAll(/--role=projects\/\$PROJECT\/roles\/(burnrate\w+)/g)];
    const reader = grants.find((g) => g[1] === 'burnrateReader');
    const remediator = grants.find((g) => g[1] === 'burnrateRemediator');
    expect(reader, 'a grant of burnrateReader').toBeDefined();
    expect(remediator, 'a grant of burnrateRemediator').toBeDefined();
    // The Markdown heading a position falls under (lines starting with # inside code blocks are comments).
    const headingBefore = (index: number) => {
      let heading = '';
      let inCode = false;
      for (const line of doc.slice(0, index).split('\n')) {
        if (line.startsWith('```')) inCode = !inCode;
        else if (!inCode && /^#+ /.test(line)) heading = line;
      }
      return heading;
    };
    expect(headingBefore(reader!.index)).not.toMatch(/optional|opt-in/i);
    expect(headingBefore(remediator!.index)).toMatch(/optional|opt-in/i);
    expect(headingBefore(remediator!.index)).toContain('remediation.mode: remediate');
    // The remediator role is created in that step too, not in the setup everyone runs.
    const created = doc.indexOf('gcloud iam roles create burnrateRemediator');
    expect(headingBefore(created)).toBe(headingBefore(remediator!.index));
  });

  it('grants BigQuery on the billing project and the export dataset only', () => {
    expect(doc).toContain('--role=roles/bigquery.jobUser');
    expect(doc).toMatch(/GRANT `roles\/bigquery\.dataViewer`\s+ON SCHEMA/);
  });
});
