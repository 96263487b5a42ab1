// Amounts stay unrounded numbers everywhere; rounding happens only here, at display.

export type Money = number;

/** "$1,234.56"; amounts of $100k and more drop the cents; negative amounts as "-$12.00". */
// Building a NumberFormat costs far more than formatting with one, and an answer formats dozens of amounts.
const moneyFormats = new Map<string, Intl.NumberFormat>();

export function formatMoney(amount: Money, currency = 'USD'): string {
  const abs = Math.abs(amount);
  const digits = abs >= 100_000 ? 0 : 2;
  const cacheKey = `${currency}/${digits}`;
  let format = moneyFormats.get(cacheKey);
  if (!format) {
    format = new Intl.NumberFormat('en-US', {
      style: 'currency',
      currency,
      minimumFractionDigits: digits,
      maximumFractionDigits: digits,
    });
    moneyFormats.set(cacheKey, format);
  }
  const text = format.format(abs);
  return amount < 0 && Number(abs.toFixed(digits)) !== 0 ? `-${text}` : text;
}

// Unit prices (per prediction, per 1k predictions) are often fractions of a cent: three significant digits.
const unitFormats = new Map<string, Intl.NumberFormat>();

/** "$0.0104" for amounts under a dollar (three significant digits), else as formatMoney. */
export function formatUnitPrice(amount: Money, currency = 'USD'): string {
  if (Math.abs(amount) >= 1 || amount === 0) return formatMoney(amount, currency);
  let format = unitFormats.get(currency);
  if (!format) {
    format = new Intl.NumberFormat('en-US', { style: 'currency', currency, maximumSignificantDigits: 3 });
    unitFormats.set(currency, format);
  }
  return format.format(amount);
}

/** For a value that may be unknown: a missing price is "unpriced", never $0. */
export function formatMaybeMoney(amount: Money | null | undefined, currency = 'USD'): string {
  return amount === null || amount === undefined ? 'unpriced' : formatMoney(amount, currency);
}

/** "+12%" / "-3%" / "new" (no base). */
export function formatChange(current: Money, previous: Money): string {
  if (previous === 0) return current === 0 ? '0%' : 'new';
  const pct = ((current - previous) / Math.abs(previous)) * 100;
  const rounded = Math.round(pct);
  return `${rounded > 0 ? '+' : ''}${rounded}%`;
}

export function formatShare(share: number): string {
  return `${Math.round(share * 100)}%`;
}

/** Round for JSON output (cents), keeping the unrounded number internally. */
export function roundCents(amount: Money): number {
  return Math.round(amount * 100) / 100;
}

const SPARK = '▁▂▃▄▅▆▇█';

/** A compact text sparkline of daily values. */
export function sparkline(values: readonly number[]): string {
  if (values.length === 0) return '';
  const max = Math.max(...values);
  const min = Math.min(...values, 0);
  const span = max - min || 1;
  return values
    .map((v) => SPARK[Math.min(SPARK.length - 1, Math.floor(((v - min) / span) * (SPARK.length - 1)))])
    .join('');
}
