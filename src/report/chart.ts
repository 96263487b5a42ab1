import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import type * as vegaLite from 'vega-lite';
import { formatMoney } from '../money/format.js';
import { formatRange } from '../time/days.js';
import type { BarChartData, ChartData, DailySeriesData } from './chartData.js';
import type { ChartPoint } from './digest.js';

// Pixel density: Slack previews look sharp on high-DPI screens at 2×.
const RENDER_ZOOM = 2;
const CHART_WIDTH = 640;
const CHART_HEIGHT = 240;
// Room per bar in a bar chart: readable labels without a tall image for a short list.
const BAR_ROW_HEIGHT = 22;
// Long keys (hostile or just verbose names) are cut with an ellipsis rather than squeezing the bars.
const KEY_LABEL_LIMIT = 220;
const VEGA_LITE_SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';
// The period asked about in the answer's colour; the period compared in a quiet grey.
const PERIOD_COLORS = ['#4c78a8', '#bab0ac'];
// A day billed, and a day only estimated from catalog prices (the digest's "estimated" colour).
const SOURCE_COLORS = { billed: '#4c78a8', estimated: '#d4c3f0' };
const AVERAGE_COLOR = '#e45756';
// Axis money: the currency's symbol (see currencyLocale), cents only where they matter (€1,200, €0.5).
const AXIS_MONEY = '$,.2~f';

// Fixed colours per kind so the same kind looks the same in every digest.
const KIND_COLORS: Record<ChartPoint['kind'], string> = {
  training: '#4c78a8',
  prediction: '#f58518',
  genai: '#e45756',
  pipelines: '#54a24b',
  other: '#9d9d9d',
  estimated: '#d4c3f0',
};

export interface RenderedChart {
  png: Buffer;
  svg: string;
  /** False when no font was found: bars are drawn, axis text and legend text are left out. */
  hasText: boolean;
}

/**
 * Font files the renderer can use: the configured one, else DejaVu Sans from the dejavu-fonts-ttf package, so
 * chart text renders the same on a slim image with no system fonts. Empty when neither exists: bars only.
 */
export function findFontFiles(configured: string): string[] {
  if (configured) return existsSync(configured) ? [configured] : [];
  try {
    const bundled = createRequire(import.meta.url).resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf');
    return existsSync(bundled) ? [bundled] : [];
  } catch {
    return [];
  }
}

/** The Vega-Lite spec: daily spend stacked by kind. */
export function dailySpendSpec(
  points: readonly ChartPoint[],
  title: string,
  currency: string,
): vegaLite.TopLevelSpec {
  const kinds = Object.keys(KIND_COLORS) as Array<ChartPoint['kind']>;
  return {
    $schema: VEGA_LITE_SCHEMA,
    config: { locale: currencyLocale(currency) },
    title,
    width: CHART_WIDTH,
    height: CHART_HEIGHT,
    background: 'white',
    data: { values: points.filter((p) => p.cost !== 0).map((p) => ({ ...p })) },
    mark: { type: 'bar' },
    encoding: {
      x: {
        field: 'day',
        type: 'ordinal',
        title: null,
        axis: { labelExpr: 'substring(datum.value, 5)', labelAngle: -45, labelOverlap: true },
      },
      y: {
        field: 'cost',
        type: 'quantitative',
        aggregate: 'sum',
        title: `${currency} per day`,
        axis: { format: '$,.0f' },
      },
      color: {
        field: 'kind',
        type: 'nominal',
        title: null,
        scale: { domain: kinds, range: kinds.map((k) => KIND_COLORS[k]) },
        legend: { orient: 'top' },
      },
      order: { field: 'kind', sort: 'ascending' },
    },
  };
}

// Characters of a title line at the chart's width; a longer title wraps (up to TITLE_LINES) rather than widening it.
const TITLE_LINE_CHARS = 60;
const TITLE_LINES = 3;

/** The title of an answer's chart, wrapped at word breaks and cut to the chart's width. */
/**
 * Number formatting for Vega: "$" in a format is the currency's symbol as en-US writes it ("$", "€", "CHF "), so
 * every chart speaks the billing account's currency.
 */
function currencyLocale(currency: string) {
  const parts = new Intl.NumberFormat('en-US', { style: 'currency', currency }).formatToParts(1);
  const number = parts.findIndex((p) => p.type === 'integer');
  const text = (from: number, to: number) =>
    parts
      .slice(from, to)
      .filter((p) => p.type === 'currency' || p.type === 'literal')
      .map((p) => p.value)
      .join('');
  const currencyAffixes: [string, string] = [text(0, number), text(number + 1, parts.length)];
  return { number: { decimal: '.', thousands: ',', grouping: [3], currency: currencyAffixes } };
}

function chartTitle(text: string, subtitle?: string) {
  const lines: string[] = [];
  for (const word of text.split(/\s+/)) {
    const last = lines.at(-1);
    if (last !== undefined && last.length + 1 + word.length <= TITLE_LINE_CHARS)
      lines[lines.length - 1] = `${last} ${word}`;
    else lines.push(word);
  }
  const shown =
    lines.length > TITLE_LINES ? [...lines.slice(0, TITLE_LINES - 1), `${lines[TITLE_LINES - 1]}…`] : lines;
  return {
    text: shown,
    anchor: 'start' as const,
    limit: CHART_WIDTH,
    fontSize: 13,
    ...(subtitle ? { subtitle, subtitleFontSize: 11 } : {}),
  };
}

/** Spend by key as horizontal bars (keys in the answer's order), two per key when two periods are compared. */
export function barChartSpec(data: BarChartData): vegaLite.TopLevelSpec {
  const comparing = data.previousLabel !== null;
  const periods = comparing ? [data.currentLabel, data.previousLabel as string] : [data.currentLabel];
  const values = data.bars.flatMap((b) => [
    { key: b.key, period: data.currentLabel, cost: b.current },
    ...(comparing && b.previous !== null
      ? [{ key: b.key, period: data.previousLabel, cost: b.previous }]
      : []),
  ]);
  return {
    $schema: VEGA_LITE_SCHEMA,
    config: { locale: currencyLocale(data.currency) },
    title: chartTitle(data.title),
    width: CHART_WIDTH - KEY_LABEL_LIMIT,
    height: Math.max(2, data.bars.length * periods.length) * BAR_ROW_HEIGHT,
    background: 'white',
    data: { values },
    encoding: {
      y: {
        field: 'key',
        type: 'nominal',
        sort: data.bars.map((b) => b.key),
        title: null,
        axis: { labelLimit: KEY_LABEL_LIMIT },
      },
      ...(comparing ? { yOffset: { field: 'period', type: 'nominal', sort: periods } } : {}),
      x: {
        field: 'cost',
        type: 'quantitative',
        title: data.unit === 'perDay' ? `${data.currency} per day` : data.currency,
        axis: { format: AXIS_MONEY },
      },
    },
    layer: [
      {
        mark: { type: 'bar' },
        encoding: {
          color: {
            field: 'period',
            type: 'nominal',
            title: null,
            scale: { domain: periods, range: PERIOD_COLORS.slice(0, periods.length) },
            legend: comparing ? { orient: 'top' } : null,
          },
        },
      },
      {
        mark: { type: 'text', align: 'left', baseline: 'middle', dx: 3, fontSize: 10 },
        encoding: { text: { field: 'cost', type: 'quantitative', format: '$,.2f' } },
      },
    ],
  };
}

/** Spend per day as bars (billed or estimated), with the average per whole day as a dashed line. */
export function dailySeriesSpec(data: DailySeriesData): vegaLite.TopLevelSpec {
  const sources = Object.keys(SOURCE_COLORS) as Array<keyof typeof SOURCE_COLORS>;
  const bars = {
    data: {
      values: data.days.map((d) => ({ ...d, source: d.estimated ? 'estimated' : 'billed' })),
    },
    mark: { type: 'bar' as const },
    encoding: {
      x: {
        field: 'day',
        type: 'ordinal' as const,
        title: null,
        axis: { labelExpr: 'substring(datum.value, 5)', labelAngle: -45, labelOverlap: true },
      },
      y: {
        field: 'cost',
        type: 'quantitative' as const,
        title: `${data.currency} per day`,
        axis: { format: AXIS_MONEY },
      },
      color: {
        field: 'source',
        type: 'nominal' as const,
        title: null,
        scale: { domain: sources, range: sources.map((s) => SOURCE_COLORS[s]) },
        legend: { orient: 'top' as const },
      },
    },
  };
  const average = data.average && {
    data: { values: [{ average: data.average.value }] },
    mark: { type: 'rule' as const, color: AVERAGE_COLOR, strokeDash: [4, 3], strokeWidth: 1.5 },
    encoding: { y: { field: 'average', type: 'quantitative' as const } },
  };
  const averageNote = data.average
    ? `Dashed line: ${formatMoney(data.average.value, data.currency)} per day on average over ${formatRange(data.average.start, data.average.end)}`
    : undefined;
  return {
    $schema: VEGA_LITE_SCHEMA,
    config: { locale: currencyLocale(data.currency) },
    title: chartTitle(data.title, averageNote),
    width: CHART_WIDTH,
    height: CHART_HEIGHT,
    background: 'white',
    layer: average ? [bars, average] : [bars],
  };
}

/** Draws an answer's chart: in this process (`renderChart`) or in a helper process (chartChild.ts). */
export type ChartRenderer = (data: ChartData, opts?: { fontFile?: string }) => Promise<RenderedChart>;

/** An answer's chart (bars by key or a daily series) to PNG, by the digest's renderer. */
export function renderChart(data: ChartData, opts: { fontFile?: string } = {}): Promise<RenderedChart> {
  return renderVegaLite(data.type === 'bars' ? barChartSpec(data) : dailySeriesSpec(data), opts);
}

/**
 * Renders the digest's chart to PNG on the server: Vega-Lite → Vega → SVG (no canvas) → resvg. Without any font
 * the SVG's text is removed so the PNG still renders (bars only) and `hasText` says so.
 */
export function renderDailySpendChart(
  points: readonly ChartPoint[],
  title: string,
  opts: { fontFile?: string; currency?: string } = {},
): Promise<RenderedChart> {
  return renderVegaLite(dailySpendSpec(points, title, opts.currency ?? 'USD'), opts);
}

/** Any Vega-Lite spec to PNG, the way every burnrate chart is drawn (fonts as `findFontFiles` finds them). */
export async function renderVegaLite(
  spec: vegaLite.TopLevelSpec,
  opts: { fontFile?: string } = {},
): Promise<RenderedChart> {
  // Loaded on first use: the charting libraries (and the native renderer) are needed once a week, in the digest's
  // own process, not in the resident bot.
  const [vega, vegaLiteRuntime, { Resvg }] = await Promise.all([
    import('vega'),
    import('vega-lite'),
    import('@resvg/resvg-js'),
  ]);
  const compiled = vegaLiteRuntime.compile(spec).spec;
  const view = new vega.View(vega.parse(compiled), { renderer: 'none' });
  let svg = await view.toSVG();
  view.finalize();
  const fonts = findFontFiles(opts.fontFile ?? '');
  const hasText = fonts.length > 0;
  if (!hasText) svg = svg.replace(/<text\b[^>]*>[\s\S]*?<\/text>/g, '');
  const resvg = new Resvg(svg, {
    fitTo: { mode: 'zoom', value: RENDER_ZOOM },
    font: hasText
      ? {
          fontFiles: fonts,
          loadSystemFonts: false,
          defaultFontFamily: 'sans-serif',
          sansSerifFamily: familyHint(fonts[0]!),
        }
      : { loadSystemFonts: false },
  });
  const png = Buffer.from(resvg.render().asPng());
  return { png, svg, hasText };
}

/** resvg maps generic families to a named one; the file name is a fair hint (DejaVuSans.ttf → DejaVu Sans). */
function familyHint(file: string): string {
  const base =
    file
      .split('/')
      .pop()
      ?.replace(/\.(ttf|otf)$/i, '') ?? 'sans-serif';
  return base.replace(/-.*$/, '').replace(/([a-z])([A-Z])/g, '$1 $2');
}
