// Everything a user reads besides answers and the digest speaks the billing account's currency too: alerts and
// their buttons, `burnrate audit` text and JSON, anomaly alerts, the demo's alert list and the charts.
import { describe, expect, it } from 'vitest';
import { alertMessage, impactLine, settledAlertMessage } from '../../src/delivery/blocks/alert.js';
import { remediatedNote } from '../../src/delivery/blocks/alertNotes.js';
import { anomalyMessage } from '../../src/delivery/blocks/digest.js';
import { findingJson, findingText } from '../../src/delivery/findingText.js';
import { alertsSummary } from '../../src/demo/alertsText.js';
import { renderChart, renderDailySpendChart } from '../../src/report/chart.js';
import type { BarChartData, DailySeriesData } from '../../src/report/chartData.js';
import { chartAltText } from '../../src/report/chartText.js';
import { idleEndpointFinding } from '../support/findingFixture.js';

const finding = idleEndpointFinding();
// The fixture's impact: $43.20 a day, 365 / 12 days a month.
const perDay = finding.impactPerDay ?? Number.NaN;
const perMonth = (perDay * 365) / 12;
const eur = (n: number) =>
  `€${n.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;

describe('a billing account in EUR', () => {
  it('alerts say the impact in euros, in the text, the blocks and the confirmation', () => {
    expect(impactLine(finding, 'EUR')).toBe(
      `Cost: ${eur(perDay)}/day · ${eur(perMonth)}/month (estimate from catalog list prices)`,
    );
    const message = alertMessage(finding, { mode: 'remediate', timeZone: 'UTC', currency: 'EUR' });
    const json = JSON.stringify(message);
    expect(json).toContain(eur(perDay));
    expect(json).not.toContain('$');
    expect(
      JSON.stringify(
        settledAlertMessage(finding, remediatedNote('Undeployed', 'U0CLICKER', 'now', 'done'), 'UTC', 'EUR'),
      ),
    ).not.toContain('$');
  });

  it('burnrate audit says euros, and its JSON names the currency', () => {
    const text = findingText(finding, 'UTC', 'EUR');
    expect(text).toContain(`${eur(perDay)}/day, ${eur(perMonth)}/month`);
    expect(text).not.toContain('$');
    expect(findingJson(finding, 'EUR').impact).toMatchObject({ currency: 'EUR', perDay });
  });

  it('the demo lists alerts in euros', () => {
    expect(alertsSummary([finding], 'EUR')).toContain(`${eur(perDay)}/day`);
  });

  it('anomaly alerts say euros', () => {
    const message = anomalyMessage(
      {
        scopeName: 'whole organization',
        day: '2026-11-25',
        verdict: {
          day: '2026-11-25',
          actual: 500,
          expected: 100,
          excess: 400,
          percent: 400,
          z: 5,
          historyDays: 28,
          anomalous: true,
          insufficientHistory: false,
        },
        newSkus: [{ skuId: 'SKU-1', description: 'Gemini 2.5 Pro Text Input - Predictions', cost: 50 }],
        contributors: [{ dimension: 'label', key: 'team=recsys', actual: 400, expected: 50, excess: 350 }],
        alert: true,
        summary: 'spend on 2026-11-25 is unusually high',
      },
      'EUR',
    );
    const json = JSON.stringify(message.blocks);
    for (const amount of [500, 100, 50, 400, 350]) expect(json).toContain(eur(amount));
    expect(json).not.toContain('$');
  });

  it('charts write euros on their axes and labels and in their description, never a dollar sign', async () => {
    const bars: BarChartData = {
      type: 'bars',
      currency: 'EUR',
      title: 'Vertex AI spend by team',
      unit: 'perDay',
      currentLabel: 'Nov 1 – Nov 28',
      previousLabel: null,
      bars: [
        { key: 'recsys', current: 1200.5, previous: null },
        { key: 'search', current: 300, previous: null },
      ],
      omitted: 0,
    };
    const daily: DailySeriesData = {
      type: 'daily',
      currency: 'EUR',
      title: 'Vertex AI spend per day',
      days: [
        { day: '2026-11-01', cost: 100, estimated: false },
        { day: '2026-11-02', cost: 120, estimated: true },
      ],
      average: { value: 110, start: '2026-11-01', end: '2026-11-03' },
    };
    const texts = async (svg: Promise<{ svg: string }>) =>
      [...(await svg).svg.matchAll(/<text\b[^>]*>([\s\S]*?)<\/text>/g)].map((m) => m[1] ?? '').join('\n');
    const barTexts = await texts(renderChart(bars));
    expect(barTexts).toContain('€1,200.50');
    expect(barTexts).toContain('EUR per day');
    const dailyTexts = await texts(renderChart(daily));
    expect(dailyTexts).toContain('€110.00 per day on average');
    const digestTexts = await texts(
      renderDailySpendChart([{ day: '2026-11-01', kind: 'training', cost: 1500 }], 'Daily ML spend', {
        currency: 'EUR',
      }),
    );
    expect(digestTexts).toContain('EUR per day');
    expect(digestTexts).toMatch(/€1,\d00/);
    for (const t of [barTexts, dailyTexts, digestTexts]) expect(t).not.toContain('$');
    expect(chartAltText(bars)).toContain(eur(1200.5));
    expect(chartAltText(daily)).toContain(eur(110));
  });
});
