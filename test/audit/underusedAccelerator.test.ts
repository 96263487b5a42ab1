import { describe, expect, it } from 'vitest';
import type { CoverageFacts, DeployedModelFacts, UtilizationHour } from '../../src/audit/facts.js';
import type { FindingDraft, Verdict } from '../../src/audit/model.js';
import {
  UNDERUSED_ACCELERATOR_RULE,
  underusedAcceleratorRule,
} from '../../src/audit/rules/underusedAccelerator.js';
import { PriceBook } from '../../src/pricing/priceBook.js';
import { CATALOG } from '../pricing/catalogFixture.js';
import { deployedModel, fullCoverage, hourlyTraffic, hoursAgo, ruleContext } from './fixtures.js';

const GIB = 1024 ** 3;
const WEEK = 24 * 7;
const PRICES = new PriceBook(CATALOG, 'catalog 2026-11-24');
const CATALOG_WITHOUT_T4 = new PriceBook(
  CATALOG.filter((sku) => sku.skuId !== 'P-T4'),
  'catalog 2026-11-24',
);

// Prediction prices of the catalog fixture, per hour, written out here rather than read from the code.
const N1 = { vcpu: 0.036354, gib: 0.004876 };
const G2 = { vcpu: 0.028622, gib: 0.003353 };
const E2 = { vcpu: 0.025082, gib: 0.003361 };
const L4 = 0.644241;
const T4 = 0.4025;
const G2_STANDARD_24 = 24 * G2.vcpu + 96 * G2.gib + 2 * L4;
const G2_STANDARD_4 = 4 * G2.vcpu + 16 * G2.gib + L4;
const N1_STANDARD_4_T4 = 4 * N1.vcpu + 15 * N1.gib + T4;
const N1_STANDARD_4_2T4 = 4 * N1.vcpu + 15 * N1.gib + 2 * T4;
const N1_STANDARD_8_T4 = 8 * N1.vcpu + 30 * N1.gib + T4;
const E2_STANDARD_2 = 2 * E2.vcpu + 8 * E2.gib;

const METRICS = ['accelerator_duty_cycle', 'accelerator_memory_bytes', 'cpu_utilization', 'memory_bytes'];
const PREDICTIONS = fullCoverage();
const ALL_COVERED: CoverageFacts[] = [
  PREDICTIONS,
  ...METRICS.map((metric) => fullCoverage('ml-prod', { metric })),
];

/** A week of hourly resource use, oldest first; `hours` limits how many of the latest hours have points. */
function utilization(use: Partial<Omit<UtilizationHour, 'hour'>>, hours = WEEK): UtilizationHour[] {
  const out: UtilizationHour[] = [];
  for (let h = hours; h >= 1; h -= 1)
    out.push({
      hour: hoursAgo(h),
      acceleratorDutyCycle: use.acceleratorDutyCycle ?? null,
      acceleratorMemoryBytes: use.acceleratorMemoryBytes ?? null,
      cpuUtilization: use.cpuUtilization ?? null,
      memoryBytes: use.memoryBytes ?? null,
    });
  return out;
}

const QUIET_L4S = utilization({
  acceleratorDutyCycle: 0.05,
  acceleratorMemoryBytes: 6 * GIB,
  cpuUtilization: 0.08,
  memoryBytes: 10 * GIB,
});

/** Two L4s per replica on g2-standard-24, serving steady traffic. */
function l4Model(overrides: Partial<DeployedModelFacts> = {}): DeployedModelFacts {
  return deployedModel({
    machineType: 'g2-standard-24',
    acceleratorType: 'NVIDIA_L4',
    acceleratorCount: 2,
    minReplicas: 2,
    maxReplicas: 3,
    traffic: hourlyTraffic(WEEK, () => 2400),
    utilization: QUIET_L4S,
    ...overrides,
  });
}

function evaluate(
  model: DeployedModelFacts,
  opts: { coverage?: CoverageFacts[]; prices?: PriceBook; rules?: Record<string, unknown> } = {},
): Verdict[] {
  return underusedAcceleratorRule.evaluate(
    {
      deployedModels: [model],
      jobs: [],
      coverage: opts.coverage ?? ALL_COVERED,
      resourcePools: [],
      prices: opts.prices ?? PRICES,
    },
    ruleContext(opts.rules),
  );
}

function findingOf(verdicts: Verdict[]): FindingDraft {
  expect(verdicts).toHaveLength(1);
  const [verdict] = verdicts;
  if (verdict?.kind !== 'finding') throw new Error(`expected a finding, got ${JSON.stringify(verdict)}`);
  return verdict.finding;
}

function fact(finding: FindingDraft, label: string): unknown {
  return finding.evidence.facts.find((f) => f.label === label)?.value;
}

describe('underused-accelerator: which machine it recommends, and the saving', () => {
  const cases: Array<{
    name: string;
    model: DeployedModelFacts;
    prices?: PriceBook;
    coverage?: CoverageFacts[];
    machine: string;
    perReplicaNow: number;
    perReplicaThen: number;
  }> = [
    {
      name: 'two L4s at 5 %: one T4 on a 4-vCPU N1 holds the measured use',
      model: l4Model(),
      machine: 'n1-standard-4 with 1 × NVIDIA_TESLA_T4',
      perReplicaNow: G2_STANDARD_24,
      perReplicaThen: N1_STANDARD_4_T4,
    },
    {
      name: 'no T4 in the catalog: one L4 on the smallest G2',
      model: l4Model(),
      prices: CATALOG_WITHOUT_T4,
      machine: 'g2-standard-4 with 1 × NVIDIA_L4',
      perReplicaNow: G2_STANDARD_24,
      perReplicaThen: G2_STANDARD_4,
    },
    {
      name: '20 GiB of accelerator memory in use: two T4s (32 GiB), not one',
      model: l4Model({
        utilization: utilization({
          acceleratorDutyCycle: 0.05,
          acceleratorMemoryBytes: 20 * GIB,
          cpuUtilization: 0.08,
          memoryBytes: 10 * GIB,
        }),
      }),
      machine: 'n1-standard-4 with 2 × NVIDIA_TESLA_T4',
      perReplicaNow: G2_STANDARD_24,
      perReplicaThen: N1_STANDARD_4_2T4,
    },
    {
      name: 'a T4 that does no work while requests are served: CPUs alone (the model moves to host memory)',
      model: deployedModel({
        minReplicas: 1,
        traffic: hourlyTraffic(WEEK, () => 300),
        utilization: utilization({
          acceleratorDutyCycle: 0.002,
          acceleratorMemoryBytes: 2 * GIB,
          cpuUtilization: 0.1,
          memoryBytes: 4 * GIB,
        }),
      }),
      machine: 'e2-standard-2 (no accelerator)',
      perReplicaNow: N1_STANDARD_8_T4,
      perReplicaThen: E2_STANDARD_2,
    },
    {
      name: 'requests no metric counts (a dedicated endpoint): judged on its accelerators alone',
      model: l4Model({ endpointKind: 'dedicated-public', trafficVisibility: 'unknown', traffic: [] }),
      machine: 'n1-standard-4 with 1 × NVIDIA_TESLA_T4',
      perReplicaNow: G2_STANDARD_24,
      perReplicaThen: N1_STANDARD_4_T4,
    },
  ];

  it.each(cases)('$name', ({ model, prices, coverage, machine, perReplicaNow, perReplicaThen }) => {
    const finding = findingOf(evaluate(model, { prices, coverage }));
    expect(finding.rule).toBe(UNDERUSED_ACCELERATOR_RULE);
    expect(fact(finding, 'Suggested machine')).toBe(machine);
    expect(fact(finding, 'Price per replica now')).toBeCloseTo(perReplicaNow, 9);
    expect(fact(finding, 'Suggested price per replica')).toBeCloseTo(perReplicaThen, 9);
    expect(finding.impactPerDay).toBeCloseTo((perReplicaNow - perReplicaThen) * model.minReplicas * 24, 9);
    // A recommendation with its commands, never a button.
    expect(finding.suggestedAction).toBeNull();
    expect(finding.evidence.recommendation?.change).toBe(`Redeploy on ${machine}`);
    expect(finding.evidence.recommendation?.commands).toHaveLength(2);
    expect(finding.reason).toContain('not a one-click action');
  });

  it('sizes the host from the measured CPU and memory, and says what was measured', () => {
    const finding = findingOf(evaluate(l4Model()));
    expect(fact(finding, 'Duty cycle (p95)')).toBe('5.0 %');
    expect(fact(finding, 'Accelerator memory (peak)')).toBe('6.0 GiB of 48 GiB');
    expect(fact(finding, 'CPU utilization (p95)')).toBe('8.0 %');
    expect(fact(finding, 'Host memory (peak)')).toBe('10.0 GiB of 96 GiB');
    // 8 % of 24 vCPUs kept under 60 %: 4 vCPUs; 10 GiB × 1.25: 12.5 GiB.
    expect(finding.reason).toContain('(4 vCPUs, 12.5 GiB needed)');
    expect(finding.reason).toContain('another accelerator type');
  });

  it('severity follows the daily saving', () => {
    expect(findingOf(evaluate(l4Model())).severity).toBe('medium');
    expect(findingOf(evaluate(l4Model({ minReplicas: 8, maxReplicas: 8 }))).severity).toBe('high');
  });
});

describe('underused-accelerator: when it says nothing, and when it cannot tell', () => {
  const DUTY_FAILED = [
    PREDICTIONS,
    ...METRICS.map((metric) =>
      fullCoverage(
        'ml-prod',
        metric === 'accelerator_duty_cycle' ? { metric, lastError: 'HTTP 503' } : { metric },
      ),
    ),
  ];
  const cases: Array<{
    name: string;
    model: DeployedModelFacts;
    coverage?: CoverageFacts[];
    prices?: PriceBook;
    rules?: Record<string, unknown>;
    expected: 'none' | 'unknown';
    why?: RegExp;
  }> = [
    {
      name: 'busy accelerators (p95 at the threshold)',
      model: l4Model({ utilization: utilization({ acceleratorDutyCycle: 0.2 }) }),
      expected: 'none',
    },
    {
      name: 'quiet most hours but busy at the p95 hour',
      model: l4Model({
        utilization: QUIET_L4S.map((u, i) => (i % 10 === 0 ? { ...u, acceleratorDutyCycle: 0.7 } : u)),
      }),
      expected: 'none',
    },
    {
      name: 'no accelerators',
      model: l4Model({ machineType: 'n1-standard-8', acceleratorType: null, acceleratorCount: 0 }),
      expected: 'none',
    },
    { name: 'automatic resources', model: l4Model({ dedicated: false }), expected: 'none' },
    {
      name: 'on a deployment resource pool',
      model: l4Model({
        dedicated: false,
        sharedResources: 'projects/ml-prod/locations/us-central1/deploymentResourcePools/p',
      }),
      expected: 'none',
    },
    {
      name: 'deployed inside the window',
      model: l4Model({ deployedSince: hoursAgo(100) }),
      expected: 'none',
    },
    {
      name: 'no request at all (the idle rule’s finding)',
      model: l4Model({ traffic: hourlyTraffic(WEEK, () => 0) }),
      expected: 'none',
    },
    {
      name: 'nothing measured but the duty cycle: the machine is never shrunk, and nothing cheaper holds it',
      model: deployedModel({
        traffic: hourlyTraffic(WEEK, () => 300),
        utilization: utilization({ acceleratorDutyCycle: 0.05 }),
      }),
      coverage: [PREDICTIONS, fullCoverage('ml-prod', { metric: 'accelerator_duty_cycle' })],
      expected: 'none',
    },
    {
      name: 'duty cycle never fetched',
      model: l4Model(),
      coverage: [PREDICTIONS],
      expected: 'unknown',
      why: /no Monitoring data of accelerator_duty_cycle/,
    },
    {
      name: 'the latest duty-cycle fetch failed',
      model: l4Model(),
      coverage: DUTY_FAILED,
      expected: 'unknown',
      why: /failed: HTTP 503/,
    },
    {
      name: 'duty-cycle data starting after the window start',
      model: l4Model(),
      coverage: [
        PREDICTIONS,
        ...METRICS.map((metric) => fullCoverage('ml-prod', { metric, coveredFrom: hoursAgo(100) })),
      ],
      expected: 'unknown',
      why: /starts/,
    },
    {
      name: 'duty cycle recorded for too few hours (missing points are no data, not idle)',
      model: l4Model({ utilization: utilization({ acceleratorDutyCycle: 0.01 }, 100) }),
      expected: 'unknown',
      why: /recorded for 100 of the last 168 hours/,
    },
    {
      name: 'a machine the catalog cannot price there',
      model: l4Model({ region: 'asia-northeast1' }),
      expected: 'unknown',
      why: /no catalog price for g2-standard-24 in asia-northeast1/,
    },
  ];

  it.each(cases)('$name', ({ model, coverage, prices, rules, expected, why }) => {
    const verdicts = evaluate(model, { coverage, prices, rules });
    if (expected === 'none') {
      expect(verdicts).toEqual([]);
      return;
    }
    expect(verdicts).toHaveLength(1);
    expect(verdicts[0]?.kind).toBe('unknown');
    if (verdicts[0]?.kind === 'unknown' && why) expect(verdicts[0].why).toMatch(why);
  });

  it('can be switched off', () => {
    expect(underusedAcceleratorRule.enabled(ruleContext().rules)).toBe(true);
    expect(
      underusedAcceleratorRule.enabled(ruleContext({ underusedAccelerator: { enabled: false } }).rules),
    ).toBe(false);
  });

  it('uses the configured threshold', () => {
    const model = l4Model({
      utilization: QUIET_L4S.map((u) => ({ ...u, acceleratorDutyCycle: 0.25 })),
    });
    expect(evaluate(model)).toEqual([]);
    // 25 % of two L4s is about 50 % of one accelerator: under the 60 % target.
    const finding = findingOf(evaluate(model, { rules: { underusedAccelerator: { dutyCycleBelow: 0.3 } } }));
    expect(fact(finding, 'Suggested machine')).toBe('n1-standard-4 with 1 × NVIDIA_TESLA_T4');
    expect(finding.reason).toContain('about 50 % of the time');
  });

  it('uses the configured window', () => {
    // Three days of quiet hours are enough for a three-day window, not for the default week.
    const model = l4Model({ utilization: QUIET_L4S.slice(-72) });
    expect(evaluate(model)[0]?.kind).toBe('unknown');
    expect(findingOf(evaluate(model, { rules: { underusedAccelerator: { windowDays: 3 } } })).rule).toBe(
      UNDERUSED_ACCELERATOR_RULE,
    );
  });
});
