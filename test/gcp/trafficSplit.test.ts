// The split sent with an undeploy: the removed model's share spread over the others in proportion, whole
// percents adding up to 100. Expected values are worked out by hand in each row.

import { describe, expect, it } from 'vitest';
import { sameTrafficSplit, trafficSplitWithout } from '../../src/gcp/trafficSplit.js';

describe('trafficSplitWithout', () => {
  const rows: Array<{
    why: string;
    split: Record<string, number>;
    removed: string;
    expected: Record<string, number>;
  }> = [
    { why: 'the last model leaves an empty split', split: { '1': 100 }, removed: '1', expected: {} },
    { why: 'an empty split stays empty', split: {}, removed: '1', expected: {} },
    {
      why: 'two models: the other takes all',
      split: { '1': 90, '2': 10 },
      removed: '2',
      expected: { '1': 100 },
    },
    {
      why: 'proportional: 10% over 60/30 → 66.67/33.33 → 67/33',
      split: { '1': 60, '2': 30, '3': 10 },
      removed: '3',
      expected: { '1': 67, '2': 33 },
    },
    {
      why: 'exact thirds: 100/3 each, the left-over percent to the lowest id',
      split: { '7': 25, '8': 25, '9': 25, '10': 25 },
      removed: '10',
      expected: { '7': 34, '8': 33, '9': 33 },
    },
    {
      why: 'a model at 0 stays at 0 while another has a share',
      split: { '1': 50, '2': 0, '3': 50 },
      removed: '3',
      expected: { '1': 100, '2': 0 },
    },
    {
      why: 'the others all at 0: evenly, 50/50',
      split: { '1': 0, '2': 0, '3': 100 },
      removed: '3',
      expected: { '1': 50, '2': 50 },
    },
    {
      why: 'a model with no share removed: the rest unchanged',
      split: { '1': 70, '2': 30, '3': 0 },
      removed: '3',
      expected: { '1': 70, '2': 30 },
    },
    {
      why: 'ids compare as numbers: 9 before 10 on a tie',
      split: { '10': 1, '9': 1, '5': 98 },
      removed: '5',
      expected: { '9': 50, '10': 50 },
    },
    {
      why: 'the left-over percent goes to the largest fraction (45.45 beats 44.44 and 10.10)',
      split: { '1': 45, '2': 44, '3': 10, '4': 1 },
      removed: '4',
      // 45/99 = 45.4545, 44/99 = 44.4444, 10/99 = 10.1010 → 45 + 44 + 10 = 99, +1 to the largest fraction (45.45)
      expected: { '1': 46, '2': 44, '3': 10 },
    },
  ];
  it.each(rows)('$why', ({ split, removed, expected }) => {
    const result = trafficSplitWithout(split, removed);
    expect(result).toEqual(expected);
    if (Object.keys(result).length > 0) expect(Object.values(result).reduce((a, b) => a + b, 0)).toBe(100);
  });

  it('is the same whatever order the split lists its models in', () => {
    const forward = trafficSplitWithout({ '1': 20, '2': 20, '3': 20, '4': 40 }, '4');
    const backward = trafficSplitWithout({ '4': 40, '3': 20, '2': 20, '1': 20 }, '4');
    expect(forward).toEqual(backward);
    expect(forward).toEqual({ '1': 34, '2': 33, '3': 33 });
  });
});

describe('sameTrafficSplit', () => {
  it.each<{ a: Record<string, number>; b: Record<string, number>; same: boolean }>([
    { a: { '1': 90, '2': 10 }, b: { '2': 10, '1': 90 }, same: true },
    { a: { '1': 100, '2': 0 }, b: { '1': 100 }, same: true },
    { a: { '1': 90, '2': 10 }, b: { '1': 80, '2': 20 }, same: false },
    { a: { '1': 100 }, b: { '2': 100 }, same: false },
    { a: {}, b: {}, same: true },
  ])('$a vs $b → $same', ({ a, b, same }) => {
    expect(sameTrafficSplit(a, b)).toBe(same);
  });
});
