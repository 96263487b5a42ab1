import { describe, expect, it } from 'vitest';
import type { JobFacts } from '../../src/audit/facts.js';
import { displayNameStem, percentile } from '../../src/audit/rules/jobHistory.js';
import {
  evaluateRunawayJob,
  expectedRuntime,
  runawaySeverity,
} from '../../src/audit/rules/runawayTraining.js';
import { earlierRun, hoursAgo, job, ruleContext } from './fixtures.js';

const history = [earlierRun(1, 3), earlierRun(2, 4), earlierRun(3, 5)];

describe('expected runtime', () => {
  const cfg = ruleContext().rules.runawayTraining;
  it.each<{ name: string; job: Partial<JobFacts>; all: JobFacts[]; hours: number; source: string }>([
    {
      name: 'label wins over history',
      job: { labels: { 'expected-hours': '6' } },
      all: history,
      hours: 6,
      source: 'label',
    },
    {
      name: 'label with an underscore decimal',
      job: { labels: { 'expected-hours': '1_5' } },
      all: [],
      hours: 1.5,
      source: 'label',
    },
    { name: 'history: 2 × p95 of 3 runs', job: {}, all: history, hours: 10, source: 'history' },
    { name: 'too little history → default', job: {}, all: history.slice(0, 2), hours: 24, source: 'default' },
    { name: 'no history → default', job: {}, all: [], hours: 24, source: 'default' },
    {
      name: 'garbage label → history',
      job: { labels: { 'expected-hours': 'soon' } },
      all: history,
      hours: 10,
      source: 'history',
    },
    {
      name: 'failed runs do not count as history',
      job: {},
      all: history.map((h) => ({ ...h, state: 'FAILED' })),
      hours: 24,
      source: 'default',
    },
    {
      name: 'same labels, different name counts as history',
      job: { displayName: 'adhoc-exp', labels: { team: 'nlp', pipeline: 'bert' } },
      all: history.map((h) => ({ ...h, labels: { team: 'nlp', pipeline: 'bert' } })),
      hours: 10,
      source: 'history',
    },
  ])('$name', ({ job: overrides, all, hours, source }) => {
    const result = expectedRuntime(job(overrides), all, cfg);
    expect(result.source).toBe(source);
    expect(result.hours).toBeCloseTo(hours);
  });
});

describe('runaway-training rule', () => {
  it.each<{
    name: string;
    job: Partial<JobFacts>;
    all?: JobFacts[];
    rules?: Record<string, unknown>;
    flagged: boolean;
  }>([
    { name: 'label 6 h, running 10 h', job: { labels: { 'expected-hours': '6' } }, flagged: true },
    { name: 'label 12 h, running 10 h', job: { labels: { 'expected-hours': '12' } }, flagged: false },
    { name: 'history 10 h, running 11 h', job: { startTime: hoursAgo(11) }, all: history, flagged: true },
    { name: 'history 10 h, running 9 h', job: { startTime: hoursAgo(9) }, all: history, flagged: false },
    { name: 'default 24 h, running 25 h', job: { startTime: hoursAgo(25) }, flagged: true },
    { name: 'default 24 h, running 23 h', job: { startTime: hoursAgo(23) }, flagged: false },
    {
      name: 'budget label exceeded ($2/h × 10 h = $20 > $15)',
      job: { labels: { 'budget-usd': '15' } },
      flagged: true,
    },
    { name: 'budget label not reached', job: { labels: { 'budget-usd': '25' } }, flagged: false },
    {
      name: 'configured budget exceeded',
      job: {},
      rules: { runawayTraining: { budgetUsd: 10 } },
      flagged: true,
    },
    {
      name: 'unpriced job cannot exceed a budget',
      job: { hourlyPrice: null, labels: { 'budget-usd': '1' } },
      flagged: false,
    },
    {
      name: 'succeeded job is not running',
      job: { state: 'SUCCEEDED', startTime: hoursAgo(50) },
      flagged: false,
    },
    {
      name: 'batch prediction is not training',
      job: { kind: 'batch_prediction', startTime: hoursAgo(50) },
      flagged: false,
    },
    { name: 'pipeline jobs count', job: { kind: 'pipeline', startTime: hoursAgo(50) }, flagged: true },
    { name: 'tuning jobs count', job: { kind: 'hptuning', startTime: hoursAgo(50) }, flagged: true },
  ])('$name → flagged $flagged', ({ job: overrides, all, rules, flagged }) => {
    const j = job(overrides);
    const verdict = evaluateRunawayJob(j, [j, ...(all ?? [])], ruleContext(rules));
    expect(verdict !== null).toBe(flagged);
    if (verdict?.kind === 'finding') {
      expect(verdict.finding.suggestedAction).toBe('cancel');
      expect(verdict.finding.impactPerDay).toBeCloseTo((j.hourlyPrice ?? 0) * 24);
    }
  });

  it('severity rises with accelerators and with the runtime multiple', () => {
    const sev = (overrides: Partial<JobFacts>) => {
      const j = job({ labels: { 'expected-hours': '4' }, ...overrides });
      const v = evaluateRunawayJob(j, [j], ruleContext());
      return v?.kind === 'finding' ? v.finding.severity : null;
    };
    expect(sev({ startTime: hoursAgo(5) })).toBe('low');
    expect(sev({ startTime: hoursAgo(9) })).toBe('medium');
    expect(sev({ startTime: hoursAgo(17) })).toBe('high');
    expect(sev({ startTime: hoursAgo(5), acceleratorType: 'NVIDIA_TESLA_A100', acceleratorCount: 1 })).toBe(
      'medium',
    );
    expect(sev({ startTime: hoursAgo(17), acceleratorType: 'NVIDIA_TESLA_A100', acceleratorCount: 8 })).toBe(
      'critical',
    );
  });

  it.each([
    [1.5, 0, false, 'low'],
    [2, 0, false, 'medium'],
    [4, 0, false, 'high'],
    [1.5, 1, true, 'medium'],
    [4, 8, true, 'critical'],
  ] as const)('runawaySeverity(%s×, %s accelerators) = %s', (multiple, count, accelerated, severity) => {
    expect(runawaySeverity(multiple, count, accelerated)).toBe(severity);
  });
});

describe('display name stems', () => {
  it.each([
    ['train-bert-20261120-1530', 'train-bert'],
    ['train-bert-20261120t153000z', 'train-bert'],
    ['nightly_retrain_run42', 'nightly-retrain'],
    ['forecast-tide-7f3a9c2e', 'forecast-tide'],
    ['forecast-tide-v2', 'forecast-tide-v2'],
    ['12345', '12345'],
  ])('%s → %s', (name, stem) => {
    expect(displayNameStem(name)).toBe(stem);
  });
});

describe('percentile', () => {
  it.each([
    [[], 95, null],
    [[3], 95, 3],
    [[3, 4, 5], 95, 5],
    [[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20], 95, 19],
    [[5, 1, 3], 50, 3],
  ])('p%s of %j', (values, p, expected) => {
    expect(percentile(values as number[], p as number)).toBe(expected);
  });
});
