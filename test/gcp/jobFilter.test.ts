// The list filters burnrate sends for a cheap job sync, per job kind, in Google's filter syntax.

import { describe, expect, it } from 'vitest';
import { jobListFilter } from '../../src/gcp/jobFilter.js';

const ACTIVE_JOB = [
  'state="JOB_STATE_QUEUED"',
  'state="JOB_STATE_PENDING"',
  'state="JOB_STATE_RUNNING"',
  'state="JOB_STATE_CANCELLING"',
  'state="JOB_STATE_PAUSED"',
  'state="JOB_STATE_UPDATING"',
].join(' OR ');

describe('jobListFilter', () => {
  it.each([
    { kind: 'custom', criteria: {}, filter: undefined },
    {
      kind: 'custom',
      criteria: { changedSince: '2026-11-26T06:00:00Z' },
      filter: `(create_time>"2026-11-26T06:00:00.000Z" OR ${ACTIVE_JOB})`,
    },
    {
      kind: 'batch_prediction',
      criteria: { changedSince: '2026-11-26T07:00:00+01:00' },
      filter: `(create_time>"2026-11-26T06:00:00.000Z" OR ${ACTIVE_JOB})`,
    },
    {
      kind: 'training_pipeline',
      criteria: { states: ['RUNNING'] },
      filter: 'state="PIPELINE_STATE_RUNNING"',
    },
    {
      kind: 'pipeline',
      criteria: { changedSince: '2026-11-26T06:00:00Z', states: ['RUNNING', 'SUCCEEDED'] },
      filter:
        'update_time>"2026-11-26T06:00:00.000Z" AND (state="PIPELINE_STATE_RUNNING" OR state="PIPELINE_STATE_SUCCEEDED")',
    },
    {
      kind: 'hptuning',
      criteria: { states: ['FAILED', 'CANCELLED'] },
      filter: '(state="JOB_STATE_FAILED" OR state="JOB_STATE_CANCELLED")',
    },
  ] as const)('$kind $criteria → $filter', ({ kind, criteria, filter }) => {
    expect(jobListFilter(kind, criteria)).toBe(filter);
  });

  it('refuses a watermark that is not a time', () => {
    expect(() => jobListFilter('custom', { changedSince: 'yesterday' })).toThrow(/RFC 3339/);
  });
});
