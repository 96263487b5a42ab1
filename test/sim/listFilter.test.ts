// The simulator's subset of AIP-160 list filters: OR binds tighter than AND, parentheses group, unsupported
// fields and syntax are refused.

import { describe, expect, it } from 'vitest';
import { GoogleApiError } from '../../src/sim/http.js';
import { matchesFilter, parseListFilter } from '../../src/sim/listFilter.js';

const FIELDS = ['state', 'display_name', 'create_time'];
const job = { state: 'JOB_STATE_RUNNING', display_name: 'a', create_time: '2026-11-20T00:00:00Z' };
const lookup = (field: string) => (job as Record<string, string>)[field];

describe('list filters', () => {
  it.each([
    ['state="JOB_STATE_RUNNING"', true],
    ['state!="JOB_STATE_RUNNING"', false],
    ['create_time>"2026-11-21T00:00:00Z" OR state="JOB_STATE_RUNNING"', true],
    ['(create_time>"2026-11-21T00:00:00Z" OR state="JOB_STATE_PENDING")', false],
    // a AND b OR c is a AND (b OR c)
    ['display_name="a" AND state="JOB_STATE_FAILED" OR state="JOB_STATE_RUNNING"', true],
    ['display_name="b" AND (state="JOB_STATE_FAILED" OR state="JOB_STATE_RUNNING")', false],
    ['create_time>="2026-11-20T00:00:00Z" AND display_name="a"', true],
    ['labels.team="x"', false],
    ['labels.team!="x"', true],
  ])('%s → %s', (filter, expected) => {
    expect(matchesFilter(parseListFilter(filter, FIELDS), lookup)).toBe(expected);
  });

  it.each([
    ['update_time>"2026-11-21T00:00:00Z"', /Unsupported filter field "update_time"/],
    ['NOT state="JOB_STATE_RUNNING"', /Unsupported filter expression/],
    ['(state="JOB_STATE_RUNNING"', /Unbalanced parentheses/],
  ])('refuses %s', (filter, message) => {
    expect(() => parseListFilter(filter, FIELDS)).toThrow(GoogleApiError);
    expect(() => parseListFilter(filter, FIELDS)).toThrow(message);
  });
});
