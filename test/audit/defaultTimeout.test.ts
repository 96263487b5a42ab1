import { describe, expect, it } from 'vitest';
import type { JobFacts } from '../../src/audit/facts.js';
import { evaluateDefaultTimeout } from '../../src/audit/rules/defaultTimeout.js';
import { job, ruleContext } from './fixtures.js';

describe('default-timeout rule', () => {
  const gpu = { acceleratorType: 'NVIDIA_TESLA_V100', acceleratorCount: 2 };
  it.each<{ name: string; job: Partial<JobFacts>; flagged: boolean }>([
    { name: 'GPU job with no timeout', job: { ...gpu, timeoutSeconds: null }, flagged: true },
    {
      name: 'GPU job with the explicit 7-day timeout',
      job: { ...gpu, timeoutSeconds: 604800 },
      flagged: true,
    },
    { name: 'GPU job with a 48 h timeout', job: { ...gpu, timeoutSeconds: 172800 }, flagged: false },
    { name: 'CPU job with no timeout', job: { timeoutSeconds: null }, flagged: false },
    {
      name: 'A2 machine has built-in GPUs',
      job: { machineType: 'a2-highgpu-1g', timeoutSeconds: null },
      flagged: true,
    },
    { name: 'queued GPU job', job: { ...gpu, state: 'QUEUED', timeoutSeconds: null }, flagged: true },
    { name: 'finished GPU job', job: { ...gpu, state: 'SUCCEEDED', timeoutSeconds: null }, flagged: false },
  ])('$name → flagged $flagged', ({ job: overrides, flagged }) => {
    const verdict = evaluateDefaultTimeout(job(overrides), ruleContext());
    expect(verdict !== null).toBe(flagged);
    if (verdict?.kind === 'finding') {
      expect(verdict.finding.severity).toBe('low');
      expect(verdict.finding.suggestedAction).toBeNull();
    }
  });
});
