import { describe, expect, it } from 'vitest';
import type { Finding } from '../../src/audit/findings.js';
import { alertMessage, impactLine } from '../../src/delivery/blocks/alert.js';
import { alertsSummary, alertsText, alertText, fixCommand } from '../../src/demo/alertsText.js';
import { idleEndpointFinding } from '../support/findingFixture.js';

// The demo prints facts itself only when present, and rounds the impact: this variant has none and odd cents.
function finding(overrides: Partial<Finding> = {}): Finding {
  const base = idleEndpointFinding();
  return idleEndpointFinding({
    evidence: { ...base.evidence, facts: [] },
    impactPerDay: 43.219,
    ...overrides,
  });
}

const RECOMMENDATION = {
  change: 'Redeploy on n1-standard-4 with 1 × NVIDIA_TESLA_T4',
  commands: [
    'gcloud ai endpoints deploy-model 1 \\\n    --machine-type=n1-standard-4',
    'gcloud ai endpoints undeploy-model 1',
  ],
};

const jobTarget = {
  type: 'job' as const,
  jobName: 'projects/ml-research/locations/us-central1/customJobs/9',
  kind: 'custom',
  displayName: 'two-tower',
};

describe('fixCommand', () => {
  const cases: Array<[Partial<Finding>, string | null]> = [
    [{ id: 3, suggestedAction: 'undeploy' }, 'undeploy 3'],
    [{ id: 4, suggestedAction: 'scale', suggestedValue: 2 }, 'scale 4'],
    [{ id: 5, suggestedAction: 'cancel' }, 'cancel 5'],
    [{ id: 6, suggestedAction: null }, null],
  ];
  it.each(cases)('%j → %s', (overrides, command) => {
    expect(fixCommand(finding(overrides))).toBe(command);
  });
});

describe('alertText', () => {
  it('shows the cost line exactly as the Slack alert does', () => {
    const f = finding();
    const text = alertText(f, 'UTC');
    expect(text).toContain(impactLine(f));
    expect(text).toContain('$43.22/day · $1,314.58/month (estimate from catalog list prices)');
    expect(JSON.stringify(alertMessage(f, { mode: 'remediate', timeZone: 'UTC' }))).toContain(
      '$43.22/day · $1,314.58/month',
    );
  });

  const cases: Array<[string, Partial<Finding>, RegExp[]]> = [
    [
      'idle endpoint',
      {},
      [
        /^#7 \[high\] Idle endpoint: churn on churn-ep$/m,
        /type `undeploy 7`/,
        /Owner: team=growth · ml-prod\/us-central1/,
      ],
    ],
    [
      'over-provisioned',
      { id: 2, suggestedAction: 'scale', suggestedValue: 2, title: 'Over-provisioned endpoint: r on e' },
      [/Saving: \$43\.22\/day/, /lower min replicas to 2 → type `scale 2`/],
    ],
    [
      'runaway job',
      { id: 4, suggestedAction: 'cancel', evidence: { target: jobTarget, facts: [] } },
      [/Fix: cancel job two-tower → type `cancel 4`/],
    ],
    [
      'risk without a fix',
      { id: 5, suggestedAction: null, severity: 'low' },
      [/No fix to run .* `snooze 5` or `allow 5 <reason>`/],
    ],
    [
      'recommended redeploy (no button, a saving, the commands)',
      { id: 6, suggestedAction: null, evidence: { ...finding().evidence, recommendation: RECOMMENDATION } },
      [
        /Saving: \$43\.22\/day/,
        /Fix: Redeploy on n1-standard-4 with 1 × NVIDIA_TESLA_T4 — a redeploy, not a one-click action; run:\n {6}gcloud ai endpoints deploy-model 1 \\\n {10}--machine-type=n1-standard-4\n {6}gcloud ai endpoints undeploy-model 1$/m,
      ],
    ],
    [
      'unpriced',
      {
        impactPerDay: null,
        evidence: { ...finding().evidence, unpricedReason: 'no catalog price for a3-megagpu-8g' },
      },
      [/Cost: unpriced \(no catalog price for a3-megagpu-8g\)/],
    ],
    [
      'snoozed',
      { status: 'snoozed', snoozedUntil: '2026-11-29T12:00:00.000Z' },
      [/\(snoozed until 2026-11-29 12:00 UTC\)/],
    ],
    ['acknowledged', { status: 'acknowledged' }, [/Idle endpoint: churn on churn-ep \(acknowledged\)/]],
  ];
  it.each(cases)('%s', (_name, overrides, patterns) => {
    const text = alertText(finding(overrides), 'UTC');
    for (const pattern of patterns) expect(text).toMatch(pattern);
    expect(text).not.toMatch(/\$0\.00/);
  });
});

describe('alertsSummary', () => {
  it('adds priced fixes, counts unpriced ones, and leaves risks out of the sum', () => {
    const findings = [
      finding({ id: 1, impactPerDay: 40 }),
      finding({ id: 2, impactPerDay: 10, suggestedAction: 'scale', suggestedValue: 1 }),
      finding({ id: 3, impactPerDay: null }),
      finding({ id: 4, impactPerDay: 100, suggestedAction: null }),
      // A recommended redeploy is a fix too, though no button makes it.
      finding({
        id: 5,
        impactPerDay: 5,
        suggestedAction: null,
        evidence: { ...finding().evidence, recommendation: RECOMMENDATION },
      }),
    ];
    expect(alertsSummary(findings)).toBe(
      'Open alerts (5): 4 with a fix: $55.00/day, $1,672.92/month at current rates (estimate from catalog list prices) + 1 unpriced; 1 risk to know about',
    );
  });

  it('says so when there is nothing', () => {
    expect(alertsSummary([])).toMatch(/^Open alerts: none/);
    expect(alertsText([], 'UTC')).toMatch(/^Open alerts: none/);
  });

  it('lists every alert after the summary', () => {
    const text = alertsText([finding({ id: 1 }), finding({ id: 2 })], 'UTC');
    expect(text.indexOf('#1 ')).toBeGreaterThan(text.indexOf('Open alerts (2)'));
    expect(text.indexOf('#2 ')).toBeGreaterThan(text.indexOf('#1 '));
  });
});
