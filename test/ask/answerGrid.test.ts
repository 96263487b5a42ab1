// Every spend-like answer on the demo organisation, checked against figures computed without burnrate's query
// code (test/ask/support/independent.ts): each period shape × grouping × filter, for spend, top and compare
// questions. Totals, rows, shares, the comparison, the Source line, and that the text says what the JSON says.

import { describe, expect, it } from 'vitest';
import { formatMoney } from '../../src/money/format.js';
import { demoOrganisation, type AskJson as Json, DEMO_NOW as NOW } from './support/demoOrg.js';
import { type Dim, expectedSpend, type Filters } from './support/independent.js';

const demo = demoOrganisation();
const ask = demo.ask;

const PERIODS = [
  'yesterday',
  'on Nov 18',
  'last week',
  'this week',
  'last month',
  'this month',
  'last quarter',
  'between Nov 3 and Nov 9',
];
const GROUPINGS: Array<{ words: string; dims: Dim[] }> = [
  { words: '', dims: [] },
  { words: 'by project', dims: ['project'] },
  { words: 'by region', dims: ['region'] },
  { words: 'by kind', dims: ['kind'] },
  { words: 'by sku', dims: ['sku'] },
  { words: 'by team', dims: ['label:team'] },
  { words: 'by project and region', dims: ['project', 'region'] },
  { words: 'by team and kind', dims: ['label:team', 'kind'] },
  { words: 'by endpoint', dims: ['endpoint'] },
];
const FILTERS: Array<{ words: string; filters: Filters }> = [
  { words: '', filters: {} },
  { words: 'for project:ml-prod', filters: { project: 'ml-prod' } },
  { words: 'for kind:training', filters: { kind: 'training' } },
  { words: 'for team:recsys', filters: { labels: { team: 'recsys' } } },
  { words: 'in us-central1', filters: { region: 'us-central1' } },
];

const CENT = 0.006;

function checkFigures(a: Json, filters: Filters, dims: readonly Dim[], question: string): void {
  expect(a.understood, question).toBe(true);
  const period = a.period;
  if (!period) throw new Error(`${question}: no period`);
  const expected = expectedSpend(demo.store().sqlite, period, a.source.actualThrough, NOW, filters, dims);
  expect(a.total ?? 0, `${question}: total`).toBeCloseTo(expected.total, 2);
  // Text and JSON agree on the headline figure; with nothing priced in it there is none, never "$0.00".
  if (a.total === null) {
    expect(expected.total, `${question}: nothing priced`).toBe(0);
    expect(a.text.split('\n')[0], `${question}: headline`).toMatch(/: unpriced \(\d+ of \d+\)$/);
  } else expect(a.text.split('\n')[0], `${question}: headline`).toContain(formatMoney(a.total));
  if (dims.length > 0) {
    const sum = [...expected.groups.values()].reduce((s, c) => s + c, 0);
    for (const row of a.rows) {
      expect(expected.groups.has(row.key), `${question}: row ${row.key}`).toBe(true);
      expect(
        Math.abs(row.cost - (expected.groups.get(row.key) ?? 0)),
        `${question}: ${row.key}`,
      ).toBeLessThan(CENT);
      if (sum !== 0)
        expect(row.share, `${question}: share of ${row.key}`).toBeCloseTo(
          (expected.groups.get(row.key) ?? 0) / sum,
          3,
        );
    }
    const nonZero = [...expected.groups.values()].filter((c) => Math.abs(c) >= 0.005).length;
    if (!a.text.includes('Top ')) expect(a.rows.length, `${question}: rows`).toBeGreaterThanOrEqual(nonZero);
    // The rows listed in the text are the JSON's, with their amounts.
    for (const row of a.rows.slice(0, 10))
      expect(a.text, `${question}: text row`).toContain(`${row.key}: ${formatMoney(row.cost)}`);
  }
  // The Source line says through which day the export is actual and which days are estimates.
  const source = a.text.split('\n').find((l) => l.startsWith('Source:')) ?? '';
  if (a.source.actualThrough) expect(source, question).toContain('billing export through');
  if (dims.includes('endpoint')) expect(source, question).toContain('estimated from catalog prices');
  else if (expected.estimatedDays.length > 0) {
    expect(source, question).toContain('estimated from catalog prices');
    expect(a.source.estimated, question).toBe(true);
  }
}

describe('spend answers on the demo organisation, against independent figures', () => {
  for (const p of PERIODS) {
    it(`every grouping and filter, ${p}`, async () => {
      for (const g of GROUPINGS) {
        for (const f of FILTERS) {
          if (g.dims.includes('endpoint') && (f.filters.kind || f.filters.labels)) continue;
          const question = ['spend', f.words, p, g.words].filter(Boolean).join(' ');
          checkFigures(await ask(question), f.filters, g.dims, question);
        }
      }
    });
  }

  it('a period before the data begins is not $0', async () => {
    const a = await ask('spend in july by project');
    expect(a.total).toBeNull();
    expect(a.rows).toEqual([]);
    expect(a.text).toMatch(/no billing data for this period \(the billing data begins \w{3} \d+\)/);
  });

  it('top N lists the largest groups with their figures', async () => {
    for (const p of ['last week', 'this month', 'last month']) {
      for (const g of GROUPINGS.filter((x) => x.dims.length === 1)) {
        const question = `top 3 ${g.words.replace('by ', '')}s ${p}`.replace('skus', 'skus');
        const a = await ask(question);
        if (!a.understood) continue;
        const expected = expectedSpend(
          demo.store().sqlite,
          a.period!,
          a.source.actualThrough,
          NOW,
          {},
          g.dims,
        );
        const ranked = [...expected.groups.entries()].sort((x, y) => y[1] - x[1]).slice(0, 3);
        expect(
          a.rows.map((r) => r.key),
          question,
        ).toEqual(ranked.map(([k]) => k));
      }
    }
  });

  it('comparisons state both periods and the change between them', async () => {
    for (const [question, dims] of [
      ['compare last week to the week before', []],
      ['compare last week to the week before by project', ['project']],
      ['week over week change for team:recsys', []],
      ['month over month change by project', ['project']],
      ['compare Nov 18 to Nov 11 by project', ['project']],
      ['compare last month to the month before for project:ml-prod', []],
    ] as Array<[string, Dim[]]>) {
      const a = await ask(question);
      expect(a.intent, question).toBe('compare');
      const filters: Filters = question.includes('team:recsys')
        ? { labels: { team: 'recsys' } }
        : question.includes('project:ml-prod')
          ? { project: 'ml-prod' }
          : {};
      checkFigures(a, filters, dims, question);
      // The compared period and its total are in the headline.
      const vs = /vs (.+?) \((-?\$[\d,.]+)\)\)/.exec(a.text.split('\n')[0] ?? '');
      expect(vs, question).not.toBeNull();
    }
  });
});
