import { describe, expect, it } from 'vitest';
import { findingJson, findingText } from '../../src/delivery/findingText.js';
import { idleEndpointFinding } from '../support/findingFixture.js';

describe('a recommended redeploy in `burnrate audit`', () => {
  const recommended = idleEndpointFinding({
    rule: 'underused-accelerator',
    title: 'Under-used accelerator: tagger on vision',
    suggestedAction: null,
    impactPerDay: 40.23,
    evidence: {
      ...idleEndpointFinding().evidence,
      recommendation: {
        change: 'Redeploy on n1-standard-4 with 1 × NVIDIA_TESLA_T4',
        commands: [
          'gcloud ai endpoints deploy-model 1 \\\n    --machine-type=n1-standard-4',
          'gcloud ai endpoints undeploy-model 1',
        ],
      },
    },
  });

  it('prints the saving, the change (no button) and the commands', () => {
    const text = findingText(recommended, 'UTC');
    expect(text).toContain('  saves: $40.23/day, $1,223.66/month (estimate from catalog list prices)');
    expect(text).toContain(
      '  fix:   Redeploy on n1-standard-4 with 1 × NVIDIA_TESLA_T4 (a recommendation: a redeploy is not a one-click action; run the commands below)',
    );
    expect(
      text.endsWith(
        '\n    gcloud ai endpoints deploy-model 1 \\\n        --machine-type=n1-standard-4\n    gcloud ai endpoints undeploy-model 1',
      ),
    ).toBe(true);
  });

  it('keeps the recommendation in the JSON', () => {
    expect(findingJson(recommended)).toMatchObject({
      suggestedAction: null,
      impact: { perDay: 40.23, source: 'catalog-estimate' },
      evidence: { recommendation: { change: 'Redeploy on n1-standard-4 with 1 × NVIDIA_TESLA_T4' } },
    });
  });
});
