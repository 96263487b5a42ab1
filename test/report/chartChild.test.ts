// Charts drawn by the helper process serve uses (src/report/chartChild.ts, `burnrate chart-renderer`): the same
// picture as drawn in-process, the helper reused while charts keep coming, gone once idle, and started again for
// the next chart; past a bound of charts waiting, a chart is refused at once.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/app/logger.js';
import { renderChart } from '../../src/report/chart.js';
import { childChartRenderer } from '../../src/report/chartChild.js';
import type { BarChartData } from '../../src/report/chartData.js';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const log = createLogger({ level: 'silent' });
let dir: string;
let globalArgs: string[];

const chart = (n: number): BarChartData => ({
  currency: 'EUR',
  type: 'bars',
  title: `Vertex AI spend by team, this month (Nov 1 – Nov 28) #${n}`,
  unit: 'total',
  currentLabel: 'Nov 1 – Nov 28',
  previousLabel: null,
  bars: [
    { key: 'search', current: 1200 + n, previous: null },
    { key: 'ads', current: 310.5, previous: null },
  ],
  omitted: 0,
});

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'burnrate-charts-'));
  const config = join(dir, 'burnrate.yaml');
  writeFileSync(config, 'timezone: UTC\n');
  globalArgs = ['--config', config, '--db', join(dir, 'burnrate.db'), '--now', '2026-11-28T12:00:00Z'];
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('charts drawn by the helper process', () => {
  it('draws what the renderer draws in-process, reuses the helper, and ends it when idle', async () => {
    const charts = childChartRenderer({ globalArgs, log, idleMs: 300 });
    try {
      const [first, second] = await Promise.all([charts.render(chart(1)), charts.render(chart(2))]);
      const here = await renderChart(chart(1));
      for (const drawn of [first, second]) {
        expect(Buffer.isBuffer(drawn.png)).toBe(true);
        expect(drawn.png.subarray(0, 8)).toEqual(PNG_SIGNATURE);
        expect(drawn.hasText).toBe(true);
      }
      expect(first.svg).toBe(here.svg);
      expect(first.png.equals(here.png)).toBe(true);
      expect(charts.running()).toBe(true);

      for (let i = 0; i < 100 && charts.running(); i++) await new Promise((r) => setTimeout(r, 100));
      expect(charts.running()).toBe(false);
      // The next chart starts it again.
      const again = await charts.render(chart(3));
      expect(again.png.subarray(0, 8)).toEqual(PNG_SIGNATURE);
    } finally {
      await charts.close();
    }
    expect(charts.running()).toBe(false);
  });

  it('a chart the helper cannot draw fails with its reason, and the helper goes on drawing', async () => {
    const charts = childChartRenderer({ globalArgs, log });
    try {
      const broken = { ...chart(4), type: 'pie' } as unknown as BarChartData;
      await expect(charts.render(broken)).rejects.toThrow(/./);
      const drawn = await charts.render(chart(5));
      expect(drawn.png.subarray(0, 8)).toEqual(PNG_SIGNATURE);
    } finally {
      await charts.close();
    }
  });

  it('hands over to a fresh helper after its share of charts', async () => {
    const charts = childChartRenderer({ globalArgs, log, chartsPerHelper: 2 });
    try {
      await charts.render(chart(6));
      expect(charts.running()).toBe(true);
      await charts.render(chart(7));
      // Two charts drawn: this helper is done, and the next chart starts another.
      expect(charts.running()).toBe(false);
      const drawn = await charts.render(chart(8));
      expect(drawn.png.subarray(0, 8)).toEqual(PNG_SIGNATURE);
      expect(charts.running()).toBe(true);
      // Charts asked for together while one helper is spent: each is drawn, by the old helper or the new.
      const together = await Promise.all([9, 10, 11, 12, 13].map((n) => charts.render(chart(n))));
      for (const drawnTogether of together) expect(drawnTogether.png.subarray(0, 8)).toEqual(PNG_SIGNATURE);
    } finally {
      await charts.close();
    }
  });

  it('past its bound of charts waiting, a chart is refused at once, and the ones waiting are drawn', async () => {
    const charts = childChartRenderer({ globalArgs, log, chartsWaitingMax: 2 });
    try {
      const waiting = [charts.render(chart(14)), charts.render(chart(15))];
      await expect(charts.render(chart(16))).rejects.toThrow(/behind \(2 charts waiting\)/);
      for (const drawn of await Promise.all(waiting)) expect(drawn.png.subarray(0, 8)).toEqual(PNG_SIGNATURE);
      // Drawn, they no longer count: the next chart is drawn.
      expect((await charts.render(chart(17))).png.subarray(0, 8)).toEqual(PNG_SIGNATURE);
    } finally {
      await charts.close();
    }
  });
});
