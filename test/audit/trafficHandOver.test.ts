import { describe, expect, it } from 'vitest';
import {
  describeHandOver,
  handOverOfShares,
  shareHandOver,
  splitOfShares,
} from '../../src/audit/trafficHandOver.js';

const names = { '1': 'ranker-v14', '2': 'ranker-v15-canary', '3': 'ranker-v13' };

describe('where an undeployed model’s traffic goes', () => {
  it.each<{ split: Record<string, number>; removed: string; text: string | null }>([
    { split: { '1': 90, '2': 10 }, removed: '2', text: 'its 10 % goes to ranker-v14' },
    // 20 % over 60/20 → 75/25: +15 and +5.
    {
      split: { '1': 60, '2': 20, '3': 20 },
      removed: '2',
      text: 'its 20 % goes to ranker-v14 (+15 %) and ranker-v13 (+5 %)',
    },
    // Receivers at 0 share the rest evenly.
    {
      split: { '1': 0, '2': 100, '3': 0 },
      removed: '2',
      text: 'its 100 % goes to ranker-v13 (+50 %) and ranker-v14 (+50 %)',
    },
    // A model with no share hands nothing over; neither does the last model.
    { split: { '1': 100, '2': 0 }, removed: '2', text: null },
    { split: { '2': 100 }, removed: '2', text: null },
    { split: {}, removed: '2', text: null },
  ])('$split without $removed → $text', ({ split, removed, text }) => {
    const handOver = shareHandOver(split, removed, names);
    expect(handOver === null ? null : describeHandOver(handOver)).toBe(text);
  });

  it('gives the split to send, adding up to 100 without the removed model', () => {
    const handOver = shareHandOver({ '1': 60, '2': 30, '3': 10 }, '3', names);
    expect(handOver?.split).toEqual({ '1': 67, '2': 33 });
    expect(handOver?.receivers.map((r) => [r.displayName, r.gains])).toEqual([
      ['ranker-v14', 7],
      ['ranker-v15-canary', 3],
    ]);
  });

  it('reads recorded shares, names a model without a name by its id, and renders names as asked', () => {
    const shares = [
      { deployedModelId: '1', displayName: 'a*b', percent: 90 },
      { deployedModelId: '2', displayName: 'canary', percent: 10 },
    ];
    expect(splitOfShares(shares)).toEqual({ '1': 90, '2': 10 });
    const handOver = handOverOfShares(shares, '2');
    expect(handOver && describeHandOver(handOver, (n) => `[${n}]`)).toBe('its 10 % goes to [a*b]');
    expect(
      describeHandOver(shareHandOver({ '7': 50, '8': 50 }, '8') ?? { percent: 0, receivers: [], split: {} }),
    ).toBe('its 50 % goes to 7');
  });
});
