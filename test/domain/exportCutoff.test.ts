import { describe, expect, it } from 'vitest';
import { lastActualDay } from '../../src/domain/exportCutoff.js';

describe('lastActualDay', () => {
  it.each([
    // The export reached 00:00 on the 28th: the 26th ended 24 h before, the 27th did not.
    ['2026-11-28T00:00:00Z', 'UTC', 24, '2026-11-26'],
    ['2026-11-27T23:59:59.999999Z', 'UTC', 24, '2026-11-25'],
    ['2026-11-28T08:00:00Z', 'UTC', 24, '2026-11-26'],
    ['2026-11-28T08:00:00Z', 'UTC', 6, '2026-11-27'],
    ['2026-11-28T08:00:00Z', 'UTC', 0, '2026-11-27'],
    // Days end at midnight in the configured zone: New York's Nov 27 ends at 05:00 UTC on the 28th.
    ['2026-11-29T04:59:00Z', 'America/New_York', 24, '2026-11-26'],
    ['2026-11-29T05:00:00Z', 'America/New_York', 24, '2026-11-27'],
    ['2026-11-28T23:00:00Z', 'Asia/Tokyo', 24, '2026-11-27'],
  ])('export through %s (%s, %d h) → %s', (through, zone, lag, day) => {
    expect(lastActualDay(through, zone, lag)).toBe(day);
  });
});
