// A long name must not push the figure out of a clipped text: figures come before names, and names are
// shortened first.
import { describe, expect, it } from 'vitest';
import type { Finding } from '../../src/audit/findings.js';
import { configSchema } from '../../src/config/schema.js';
import { alertMessage } from '../../src/delivery/blocks/alert.js';
import { anomalyMessage, budgetAlertMessage } from '../../src/delivery/blocks/digest.js';
import { fitNames } from '../../src/delivery/blocks/limits.js';
import { evaluateBudget } from '../../src/report/budgets.js';
import type { MonthForecast } from '../../src/report/forecast.js';
import { idleEndpointFinding } from '../support/findingFixture.js';

const LONG = `churn-${'very-long-name-'.repeat(40)}end`;

type Block = {
  type: string;
  text?: { text: string };
  elements?: Array<{ confirm?: { text: { text: string } } }>;
};

describe('figures before names', () => {
  it('fitNames shortens the names, fairly, and keeps the rest whole', () => {
    const render = ([a, b]: readonly string[]) => `${a} and ${b} cost $1,234.56/day`;
    expect(fitNames(100, ['short', 'tiny'], render)).toBe('short and tiny cost $1,234.56/day');
    const fitted = fitNames(60, ['x'.repeat(200), 'tiny'], render);
    expect(fitted.length).toBeLessThanOrEqual(60);
    expect(fitted).toMatch(/^x+… and tiny cost \$1,234\.56\/day$/);
    const both = fitNames(60, ['x'.repeat(200), 'y'.repeat(200)], render);
    expect(both).toMatch(/^x{10,}… and y{10,}… cost \$1,234\.56\/day$/);
    expect(fitNames(20, ['a'.repeat(50)], ([a]) => `${a}: $9`)).toMatch(/^a+…: \$9$/);
  });

  it('the confirmation keeps the saving whatever the length of the resource name', () => {
    const base = idleEndpointFinding();
    const finding = idleEndpointFinding({
      resource: `projects/ml-prod/locations/us-central1/endpoints/${LONG}`,
      evidence: {
        ...base.evidence,
        target: { ...base.evidence.target, displayName: LONG } as Finding['evidence']['target'],
      },
    });
    const blocks = alertMessage(finding, { mode: 'remediate', timeZone: 'UTC', currency: 'USD' })
      .blocks as Block[];
    const confirm = blocks.find((b) => b.type === 'actions')?.elements?.[0]?.confirm?.text.text ?? '';
    expect(confirm.length).toBeLessThanOrEqual(300);
    expect(confirm).toMatch(/^Saving about \$43\.20\/day: this will undeploy churn-very-long/);
    expect(confirm).toContain('(projects/ml-prod/');
  });

  it('a budget header keeps the threshold whatever the length of the budget name', () => {
    const budget = configSchema.parse({ budgets: [{ name: LONG, monthlyAmount: 1000 }] }).budgets[0]!;
    const forecast = {
      month: '2026-11',
      today: '2026-11-28',
      actualToDate: 1000,
      estimated: 0,
      forecast: 1100,
      low: 1050,
      high: 1150,
      basis: 'run rate',
    } as MonthForecast;
    const status = evaluateBudget(budget, forecast, 'USD');
    for (const basis of ['spent', 'forecast'] as const) {
      const message = budgetAlertMessage({ status, basis, threshold: 100, keys: [] });
      const header = (message.blocks[0] as Block).text?.text ?? '';
      expect(header.length).toBeLessThanOrEqual(150);
      expect(header).toMatch(new RegExp(`^100% ${basis} · budget churn-very-long`));
    }
  });

  it('an anomaly header keeps the day whatever the length of the scope name', () => {
    const message = anomalyMessage(
      {
        scopeName: LONG,
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
        newSkus: [],
        contributors: [],
        alert: true,
        summary: 'Spend on Nov 25 was unusually high',
      },
      'USD',
    );
    const header = (message.blocks[0] as Block).text?.text ?? '';
    expect(header.length).toBeLessThanOrEqual(150);
    expect(header).toMatch(/^Unusual ML spend · Nov 25 · churn-very-long/);
  });
});
