// Rate questions answered as rates: the average per whole day of the period in the headline (today, not over
// yet, left out of it), `total` still the period's total, and the text and `ask --json` agreeing. Expected
// figures come from SQL over billing_daily and the job's hours × price, never from the answer code.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/app/clock.js';
import { askQuestion, toAskJson } from '../../src/ask/index.js';
import { wholeDays } from '../../src/ask/intents/perDay.js';
import { configSchema } from '../../src/config/schema.js';
import { openStore, type Store } from '../../src/db/open.js';
import { type BillingSeed, seedBilling, seedJob, setActualThrough } from './seed.js';

// Saturday; the billing export is final through Thursday Nov 26, the 27th and today are estimated.
const NOW = '2026-11-28T09:00:00Z';
const config = configSchema.parse({ google: { projects: [{ id: 'ml-prod' }, { id: 'ml-dev' }] } });
// The running job: $10 an hour from Nov 27 00:00, so 24 h on the 27th and 9 h today.
const JOB_NOV_27 = 24 * 10;
const JOB_TODAY = 9 * 10;

function billingRows(): BillingSeed[] {
  const rows: BillingSeed[] = [];
  for (let d = 1; d <= 26; d++) {
    const day = `2026-11-${String(d).padStart(2, '0')}`;
    rows.push({ day, sku: 'Custom Training A100', labels: { team: 'search' }, cost: 100 + d, credits: -5 });
    rows.push({ day, project: 'ml-dev', sku: 'Custom Training T4', labels: { team: 'ads' }, cost: 12.25 });
  }
  for (let d = 1; d <= 31; d++) {
    rows.push({ day: `2026-10-${String(d).padStart(2, '0')}`, labels: { team: 'search' }, cost: 90 });
  }
  return rows;
}

/** "$1,234.56", written here rather than taken from the code under test. */
const usd = (n: number) =>
  `$${(Math.round(n * 100) / 100).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;

describe('wholeDays: the days an average per day is taken over', () => {
  it.each([
    { period: ['2026-11-16', '2026-11-23'], dataStart: null, days: ['2026-11-16', '2026-11-23'] },
    // Today is not over: the window ends before it, and days after it are not there yet.
    { period: ['2026-11-01', '2026-11-29'], dataStart: null, days: ['2026-11-01', '2026-11-28'] },
    { period: ['2026-10-01', '2027-01-01'], dataStart: null, days: ['2026-10-01', '2026-11-28'] },
    // Days before the billing data begins are not days of zero spend.
    { period: ['2026-10-01', '2026-11-01'], dataStart: '2026-10-10', days: ['2026-10-10', '2026-11-01'] },
    { period: ['2026-11-28', '2026-11-29'], dataStart: null, days: null },
  ])('$period (data from $dataStart) → $days', ({ period, dataStart, days }) => {
    const [start = '', end = ''] = period;
    const window = wholeDays({ start, end }, '2026-11-28', dataStart);
    expect(window ? [window.start, window.end] : null).toEqual(days);
  });
});

describe('rate questions', () => {
  let dir: string;
  let store: Store;
  const ask = (q: string) => askQuestion({ store, config, clock: fixedClock(new Date(NOW)) }, q);
  const billed = (from: string, to: string, where = '') =>
    (
      store.sqlite
        .prepare(`SELECT SUM(cost + credits) AS t FROM billing_daily WHERE day >= ? AND day < ? ${where}`)
        .get(from, to) as { t: number | null }
    ).t ?? 0;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'burnrate-rate-'));
    store = openStore(join(dir, 'rate.db'));
    seedBilling(store, billingRows());
    setActualThrough(store, '2026-11-26');
    seedJob(store, {
      name: 'projects/ml-prod/locations/us-central1/customJobs/1',
      displayName: 'bert-finetune',
      state: 'RUNNING',
      labels: { team: 'search' },
      startTime: '2026-11-27T00:00:00Z',
      hourlyPrice: 10,
    });
  });
  afterAll(() => {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('a past week: the total over its 7 days, per day, against the week before per day', async () => {
    const a = await ask('daily average spend last week');
    const total = billed('2026-11-16', '2026-11-23');
    const before = billed('2026-11-09', '2026-11-16');
    expect(a.total).toBeCloseTo(total, 9);
    expect(a.headline).toContain(`last week (Nov 16 – Nov 22): ${usd(total / 7)} per day on average`);
    const change = Math.round((total / before - 1) * 100);
    expect(a.headline).toContain(`+${change}% vs Nov 9 – Nov 15 (${usd(before / 7)} per day)`);
    expect(a.text).toContain(`Averaged over 7 whole days; ${usd(total)} in total.`);
    const json = toAskJson(a);
    expect(json.total).toBe(Math.round(total * 100) / 100);
    expect(json.perDay).toEqual({
      start: '2026-11-16',
      end: '2026-11-23',
      days: 7,
      average: Math.round((total / 7) * 100) / 100,
    });
    expect(json.text).toBe(a.text);
  });

  it('this month: averaged over the whole days before today; the total keeps today', async () => {
    const a = await ask('average daily cost this month');
    const wholeDays = billed('2026-11-01', '2026-11-27') + JOB_NOV_27;
    const total = wholeDays + JOB_TODAY;
    expect(a.total).toBeCloseTo(total, 9);
    const change = Math.round((wholeDays / 27 / 90 - 1) * 100);
    expect(a.headline).toContain(
      `this month (Nov 1 – Nov 28): ${usd(wholeDays / 27)} per day on average (+${change}% vs Oct 4 – Oct 31 (${usd(90)} per day))`,
    );
    expect(a.text).toContain(
      `Averaged over the 27 whole days Nov 1 – Nov 27 (today is not over); ${usd(total)} in total for the period, today so far included.`,
    );
    expect(toAskJson(a).perDay).toMatchObject({ start: '2026-11-01', end: '2026-11-28', days: 27 });
  });

  it('"lately" with no period: the last 7 whole days, named in the answer', async () => {
    const a = await ask('how much do we spend per day lately');
    const total = billed('2026-11-21', '2026-11-27') + JOB_NOV_27;
    expect(a.period).toEqual({ start: '2026-11-21', end: '2026-11-28' });
    expect(a.headline).toContain(`the last 7 days (Nov 21 – Nov 27): ${usd(total / 7)} per day on average`);
    expect(a.total).toBeCloseTo(total, 9);
  });

  it('grouped: each row per day in the text, period totals in the JSON rows', async () => {
    const a = await ask('daily spend by team last week');
    const search = billed('2026-11-16', '2026-11-23', "AND json_extract(labels, '$.team') = 'search'");
    const ads = billed('2026-11-16', '2026-11-23', "AND json_extract(labels, '$.team') = 'ads'");
    expect(a.text).toContain('By team per day:');
    expect(a.text).toContain(`search: ${usd(search / 7)} per day (`);
    expect(a.text).toContain(`ads: ${usd(ads / 7)} per day (`);
    expect(a.rows.map((r) => [r.key, r.cost])).toEqual([
      ['search', search],
      ['ads', ads],
    ]);
  });

  it('a month against one the data does not cover: the average, and no percentage', async () => {
    const a = await ask('average spend per day last month');
    expect(a.headline).toContain(`last month (Oct 1 – Oct 31): ${usd(90)} per day on average`);
    expect(a.headline).toContain('no comparison with Sep 1 – Sep 30: the billing data begins Oct 1');
    expect(a.text).not.toMatch(/%.*Sep/);
  });

  it('a comparison of rates compares averages over periods of different lengths', async () => {
    const a = await ask('daily average this week vs last week');
    const thisWeek = (billed('2026-11-23', '2026-11-27') + JOB_NOV_27) / 5;
    const lastWeek = billed('2026-11-16', '2026-11-23') / 7;
    const change = Math.round((thisWeek / lastWeek - 1) * 100);
    expect(a.intent).toBe('compare');
    expect(a.headline).toContain(`${usd(thisWeek)} per day on average`);
    expect(a.headline).toContain(
      `${change > 0 ? '+' : ''}${change}% vs Nov 16 – Nov 22 (${usd(lastWeek)} per day)`,
    );
  });

  it('today alone has no whole day to average: says so and gives the spend so far', async () => {
    const a = await ask('spend per day today');
    expect(a.headline).toContain(`${usd(JOB_TODAY)} so far; no whole day to average over yet`);
    expect(a.total).toBeCloseTo(JOB_TODAY, 9);
    expect(toAskJson(a)).not.toHaveProperty('perDay');
  });

  it('a question that asks no rate keeps exactly the documented fields', async () => {
    const json = toAskJson(await ask('spend last week'));
    expect(Object.keys(json)).not.toContain('perDay');
  });
});
