// Amounts stay unrounded numbers everywhere; rounding happens only here, at display.

export type Money = number;

// Amounts this large drop their cents: "$100,619", not "$100,619.37".
const WHOLE_UNITS_FROM = 100_000;

/** How amounts shown together are written: in minor units (cents), unless the largest of them drops them. */
export type MoneyPrecision = 'minor' | 'whole';

export function moneyPrecision(...amounts: readonly Money[]): MoneyPrecision {
  return amounts.some((a) => Math.abs(a) >= WHOLE_UNITS_FROM) ? 'whole' : 'minor';
}

// The currency's minor units (2 for USD and EUR, 0 for JPY), as Intl knows them.
const minorDigits = new Map<string, number>();
function minorDigitsOf(currency: string): number {
  let digits = minorDigits.get(currency);
  if (digits === undefined) {
    digits = new Intl.NumberFormat('en-US', { style: 'currency', currency }).resolvedOptions()
      .maximumFractionDigits as number;
    minorDigits.set(currency, digits);
  }
  return digits;
}

// Building a NumberFormat costs far more than formatting with one, and an answer formats dozens of amounts.
const moneyFormats = new Map<string, Intl.NumberFormat>();

/**
 * "$1,234.56" in the given ISO 4217 currency ("€1,234.56", "CHF 1,234.56"); amounts of 100k and more drop the
 * cents; negative amounts as "-$12.00". `precision` makes several amounts of one line alike (see lineMoney).
 */
export function formatMoney(
  amount: Money,
  currency = 'USD',
  precision: MoneyPrecision = moneyPrecision(amount),
): string {
  const abs = Math.abs(amount);
  const digits = precision === 'whole' ? 0 : minorDigitsOf(currency);
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

/** A formatter for the amounts of one line: one currency, and all with cents or all without. */
export function lineMoney(currency: string, ...amounts: readonly Money[]): (amount: Money) => string {
  const precision = moneyPrecision(...amounts);
  return (amount) => formatMoney(amount, currency, precision);
}

/** "$83,557 – $100,619": both ends in one format. */
export function formatMoneyRange(low: Money, high: Money, currency = 'USD'): string {
  const money = lineMoney(currency, low, high);
  return `${money(low)} – ${money(high)}`;
}

/** For a value that may be unknown: a missing price is "unpriced", never $0. */
export function formatMaybeMoney(amount: Money | null | undefined, currency = 'USD'): string {
  return amount === null || amount === undefined ? 'unpriced' : formatMoney(amount, currency);
}

/**
 * A total over things some of which have no price: "$380.35 plus 1 unpriced" (with `per`, "$380.35 per day plus
 * 1 unpriced"); when nothing in it is priced, "unpriced (3 of 3)" — never a plain $0.00 for what is unknown.
 */
export function formatPricedTotal(
  total: Money,
  pricedCount: number,
  unpricedCount: number,
  currency = 'USD',
  per = '',
): string {
  const amount = `${formatMoney(total, currency)}${per ? ` ${per}` : ''}`;
  if (unpricedCount === 0) return amount;
  if (pricedCount === 0) return `unpriced (${unpricedCount} of ${unpricedCount})`;
  return `${amount} plus ${unpricedCount} unpriced`;
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

const TOKEN_SCALES: ReadonlyArray<readonly [number, string]> = [
  [1e12, 'T'],
  [1e9, 'B'],
  [1e6, 'M'],
  [1e3, 'k'],
];

/** "4.28B tokens", "950k tokens": three significant digits, a count under a thousand as it is. */
export function formatTokens(tokens: number): string {
  for (const [scale, suffix] of TOKEN_SCALES) {
    if (Math.abs(tokens) >= scale) return `${Number((tokens / scale).toPrecision(3))}${suffix} tokens`;
  }
  return `${Math.round(tokens)} tokens`;
}
