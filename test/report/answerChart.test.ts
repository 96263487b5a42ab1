// The charts beside answers, drawn by the digest's renderer: real PNGs with their text (keys, periods, amounts)
// drawn in the bundled font, and a screen-reader description that carries the same figures within Slack's limit.
import { describe, expect, it } from 'vitest';
import { renderChart } from '../../src/report/chart.js';
import type { BarChartData, DailySeriesData } from '../../src/report/chartData.js';
import { CHART_ALT_TEXT_MAX, chartAltText, chartFileName } from '../../src/report/chartText.js';
import { eachDay } from '../../src/time/days.js';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

const comparison: BarChartData = {
  type: 'bars',
  title: 'Vertex AI spend by project, this month (Nov 1 – Nov 28)',
  unit: 'total',
  currentLabel: 'Nov 1 – Nov 28',
  previousLabel: 'Oct 1 – Oct 28',
  bars: [
    { key: 'ml-prod', current: 1234.5, previous: 1000 },
    { key: 'ml-dev', current: 300, previous: 450.25 },
  ],
  omitted: 0,
};

const daily: DailySeriesData = {
  type: 'daily',
  title: 'Vertex AI spend per day, last 7 days (Nov 21 – Nov 27)',
  days: eachDay('2026-11-21', '2026-11-28').map((day, i) => ({
    day,
    cost: 100 + i * 10,
    estimated: i === 6,
  })),
  average: { value: 130, start: '2026-11-21', end: '2026-11-28' },
};

/** Width and height from the PNG's IHDR chunk. */
function pngSize(png: Buffer): { width: number; height: number } {
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

/** The texts the SVG draws (what resvg turns into glyphs with the font). */
function svgTexts(svg: string): string[] {
  return [...svg.matchAll(/<text\b[^>]*>([\s\S]*?)<\/text>/g)].map((m) => m[1] ?? '');
}

describe('answer charts', () => {
  it('bars by key, two periods: a PNG with keys, periods and amounts drawn as text', async () => {
    const chart = await renderChart(comparison);
    expect(chart.png.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
    expect(chart.png.length).toBeGreaterThan(10_000);
    expect(chart.hasText).toBe(true);
    const texts = svgTexts(chart.svg).join('\n');
    for (const t of ['ml-prod', 'ml-dev', 'Nov 1 – Nov 28', 'Oct 1 – Oct 28', '$1,234.50', '$450.25', 'USD'])
      expect(texts).toContain(t);
    // Drawn at twice the size for high-DPI screens: wider than the chart's 640 px.
    expect(pngSize(chart.png).width).toBeGreaterThan(1000);
    // The same chart without a font has no glyphs: the text really is in the picture.
    const bare = await renderChart(comparison, { fontFile: '/nonexistent/font.ttf' });
    expect(bare.hasText).toBe(false);
    expect(bare.png.length).toBeLessThan(chart.png.length * 0.8);
  });

  it('a daily series: a bar per day and the average as a line, named in the subtitle', async () => {
    const chart = await renderChart(daily);
    expect(chart.png.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
    expect(chart.png.length).toBeGreaterThan(10_000);
    const texts = svgTexts(chart.svg).join('\n');
    expect(texts).toContain('Dashed line: $130.00 per day on average over Nov 21 – Nov 27');
    expect(texts).toContain('estimated');
    expect(chart.svg).toMatch(/stroke-dasharray/);
  });

  it('a long title wraps rather than running off the picture', async () => {
    const chart = await renderChart({ ...comparison, title: `${'word '.repeat(40)}end` });
    const title = svgTexts(chart.svg).find((t) => t.includes('word')) ?? '';
    const titleLines = [...title.matchAll(/<tspan\b[^>]*>([^<]*)<\/tspan>/g)].map((m) => m[1] ?? '');
    expect(titleLines.length).toBe(3);
    expect(titleLines.at(-1)).toMatch(/…$/);
    for (const line of titleLines) expect(line.length).toBeLessThanOrEqual(61);
  });
});

describe('what a screen reader reads instead of the chart', () => {
  it('bars: the title, each key with its figure and the period compared', () => {
    expect(chartAltText(comparison)).toBe(
      'Bar chart, Vertex AI spend by project, this month (Nov 1 – Nov 28), Nov 1 – Nov 28 against Oct 1 – Oct 28. ' +
        'ml-prod: $1,234.50 (Oct 1 – Oct 28: $1,000.00); ml-dev: $300.00 (Oct 1 – Oct 28: $450.25).',
    );
    const perDay = chartAltText({ ...comparison, unit: 'perDay', previousLabel: null, omitted: 4 });
    expect(perDay).toContain('ml-prod: $1,234.50 per day;');
    expect(perDay).toMatch(/ …and 4 more\.$/);
  });

  it('a daily series: the span, highest and lowest day, the average and the estimated days, then each day', () => {
    const text = chartAltText(daily);
    expect(text).toContain('7 days from Nov 21 to Nov 27');
    expect(text).toContain('highest $160.00 on Nov 27');
    expect(text).toContain('lowest $100.00 on Nov 21');
    expect(text).toContain('average $130.00 per day over Nov 21 – Nov 27 (dashed line)');
    expect(text).toContain('1 day estimated from catalog prices');
    expect(text).toContain('Nov 23: $120.00;');
  });

  it('stays within Slack limit, whole code points, with many or very long keys', () => {
    const many: BarChartData = {
      ...comparison,
      bars: Array.from({ length: 200 }, (_, i) => ({
        key: `${'😀'.repeat(100)}-${i}`,
        current: i,
        previous: i,
      })),
      omitted: 7,
    };
    const text = chartAltText(many);
    expect(text.length).toBeLessThanOrEqual(CHART_ALT_TEXT_MAX);
    expect(LONE_SURROGATE.test(text)).toBe(false);
    expect(text).toMatch(/…and \d+ more\.$/);
    const longDays = chartAltText({
      ...daily,
      days: eachDay('2026-01-01', '2026-11-28').map((day) => ({ day, cost: 1, estimated: false })),
    });
    expect(longDays.length).toBeLessThanOrEqual(CHART_ALT_TEXT_MAX);
  });

  it('file names come from the title, safe on any file system', () => {
    expect(chartFileName(comparison)).toBe('burnrate-vertex-ai-spend-by-project-this-month-nov-1-nov-28.png');
    expect(chartFileName({ ...daily, title: '<!channel> 😀' })).toBe('burnrate-channel.png');
    expect(chartFileName({ ...daily, title: '😀' })).toBe('burnrate-chart.png');
  });
});
