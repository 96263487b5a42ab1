import { describe, expect, it } from 'vitest';
import {
  gcloudAcceleratorName,
  type RedeployPlan,
  redeployCommands,
} from '../../src/audit/redeployCommands.js';

const PLAN: RedeployPlan = {
  endpointName: 'projects/482913370541/locations/us-central1/endpoints/1234',
  project: 'ml-prod',
  region: 'us-central1',
  deployedModelId: '5678',
  displayName: 'tagger-vit-l4',
  model: 'projects/482913370541/locations/us-central1/models/42',
  machine: { machineType: 'n1-standard-4', acceleratorType: 'NVIDIA_TESLA_T4', acceleratorCount: 1 },
  minReplicas: 2,
  maxReplicas: 4,
  spot: false,
  split: [{ deployedModelId: '5678', displayName: 'tagger-vit-l4', percent: 100 }],
};

/** The commands as one line each, to compare flags without the line breaks. */
const flat = (plan: RedeployPlan) => redeployCommands(plan).map((c) => c.replace(/ \\\n\s+/g, ' '));

describe('the gcloud commands of a recommended redeploy', () => {
  it('deploys the model on the new machine with the old one’s share, then undeploys the old one', () => {
    expect(flat(PLAN)).toEqual([
      'gcloud ai endpoints deploy-model 1234 --project=ml-prod --region=us-central1 ' +
        '--model=projects/482913370541/locations/us-central1/models/42 --display-name=tagger-vit-l4-n1-standard-4 ' +
        '--machine-type=n1-standard-4 --accelerator=type=nvidia-tesla-t4,count=1 ' +
        '--min-replica-count=2 --max-replica-count=4 --traffic-split=0=100',
      'gcloud ai endpoints undeploy-model 1234 --project=ml-prod --region=us-central1 --deployed-model-id=5678',
    ]);
  });

  it.each([
    {
      name: 'other models keep their shares; "0" is the new deployment',
      plan: {
        ...PLAN,
        split: [
          { deployedModelId: '5678', displayName: 'a', percent: 70 },
          { deployedModelId: '9', displayName: 'b', percent: 30 },
          { deployedModelId: '10', displayName: 'c', percent: 0 },
        ],
      },
      has: '--traffic-split=0=70,9=30',
      lacks: '10=',
    },
    {
      name: 'a model without a share leaves the split alone',
      plan: {
        ...PLAN,
        split: [
          { deployedModelId: '5678', displayName: 'a', percent: 0 },
          { deployedModelId: '9', displayName: 'b', percent: 100 },
        ],
      },
      has: '--min-replica-count=2 --max-replica-count=4',
      lacks: '--traffic-split',
    },
    { name: 'Spot stays Spot', plan: { ...PLAN, spot: true }, has: '--spot', lacks: 'never' },
    {
      name: 'CPU only: no accelerator flag',
      plan: {
        ...PLAN,
        machine: { machineType: 'e2-standard-2', acceleratorType: null, acceleratorCount: 0 },
      },
      has: '--machine-type=e2-standard-2 --min-replica-count',
      lacks: '--accelerator',
    },
    {
      name: 'a display name of any characters becomes letters, digits, dots and hyphens',
      plan: { ...PLAN, displayName: "it's <!channel> *bold* `x`; rm -rf ~" },
      has: '--display-name=it-s-channel-bold-x-rm-rf-n1-standard-4',
      lacks: '<',
    },
    {
      name: 'a name from Google that a shell would read is quoted',
      plan: { ...PLAN, project: "ml prod'$(x)" },
      has: `'--project=ml prod'\\''$(x)'`,
      lacks: 'never',
    },
  ])('$name', ({ plan, has, lacks }) => {
    const [deploy] = flat(plan);
    expect(deploy).toContain(has);
    expect(deploy).not.toContain(lacks);
  });

  it('breaks long commands over lines ending in a backslash', () => {
    const [deploy] = redeployCommands(PLAN);
    const lines = deploy?.split('\n') ?? [];
    expect(lines.length).toBeGreaterThan(3);
    expect(lines.slice(0, -1).every((line) => line.endsWith(' \\'))).toBe(true);
  });

  it.each([
    ['NVIDIA_TESLA_T4', 'nvidia-tesla-t4'],
    ['NVIDIA_L4', 'nvidia-l4'],
    ['NVIDIA_A100_80GB', 'nvidia-a100-80gb'],
    ['NVIDIA_H100_80GB', 'nvidia-h100-80gb'],
  ])('names %s as gcloud does: %s', (type, name) => {
    expect(gcloudAcceleratorName(type)).toBe(name);
  });
});
