import { describe, expect, it } from 'vitest';
import {
  formatMaybeMoney,
  formatMoney,
  formatMoneyRange,
  formatPricedTotal,
  lineMoney,
} from '../../src/money/format.js';

describe('money formats', () => {
  it.each([
    [1234.5, 'USD', '$1,234.50'],
    [1234.5, 'EUR', '€1,234.50'],
    [1234.5, 'JPY', '¥1,235'],
    [1234.5, 'CHF', 'CHF\u00a01,234.50'],
    [100_619.37, 'USD', '$100,619'],
    [-12, 'EUR', '-€12.00'],
  ])('%d %s → %s', (amount, currency, text) => {
    expect(formatMoney(amount, currency)).toBe(text);
  });

  it('writes the amounts of one line alike', () => {
    expect(formatMoneyRange(83_556.61, 100_619.2)).toBe('$83,557 – $100,619');
    expect(formatMoneyRange(83_556.61, 99_619.2, 'EUR')).toBe('€83,556.61 – €99,619.20');
    const money = lineMoney('USD', 120_000, 5.5);
    expect([money(120_000), money(5.5)]).toEqual(['$120,000', '$6']);
  });

  it('never shows an unknown amount as $0.00', () => {
    expect(formatMaybeMoney(null, 'EUR')).toBe('unpriced');
    expect(formatPricedTotal(380.35, 2, 1)).toBe('$380.35 plus 1 unpriced');
    expect(formatPricedTotal(0, 0, 3, 'EUR')).toBe('unpriced (3 of 3)');
    expect(formatPricedTotal(12, 2, 0, 'EUR')).toBe('€12.00');
  });
});
