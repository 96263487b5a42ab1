import type { Finding } from '../../src/audit/findings.js';

/** An idle-endpoint finding as stored, for tests of what is shown about findings; override what a case needs. */
export function idleEndpointFinding(overrides: Partial<Finding> = {}): Finding {
  return {
    id: 7,
    rule: 'idle-endpoint',
    resource: 'projects/ml-prod/locations/us-central1/endpoints/1/deployedModels/2',
    project: 'ml-prod',
    region: 'us-central1',
    status: 'open',
    severity: 'high',
    title: 'Idle endpoint: churn on churn-ep',
    reason: 'No predictions in the last 72 h',
    evidence: {
      target: {
        type: 'deployed-model',
        endpointName: 'projects/ml-prod/locations/us-central1/endpoints/1',
        deployedModelId: '2',
        displayName: 'churn on churn-ep',
      },
      facts: [{ label: 'Min replicas', value: 2, unit: 'count' }],
    },
    labels: { team: 'growth' },
    impactPerDay: 43.2,
    suggestedAction: 'undeploy',
    suggestedValue: null,
    firstSeen: '2026-11-25T12:00:00Z',
    lastEvaluated: '2026-11-25T12:00:00Z',
    alertedAt: null,
    alertedSeverity: null,
    alertedSplit: null,
    snoozedUntil: null,
    allowedReason: null,
    actedBy: null,
    actedAt: null,
    claimedBy: null,
    claimedAt: null,
    resolvedAt: null,
    slackChannel: null,
    slackTs: null,
    ...overrides,
  };
}
