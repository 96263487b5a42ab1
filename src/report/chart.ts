import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Resvg } from '@resvg/resvg-js';
import type * as vegaLite from 'vega-lite';
import type { ChartPoint } from './digest.js';

// Pixel density: Slack previews look sharp on high-DPI screens at 2×.
const RENDER_ZOOM = 2;
const CHART_WIDTH = 640;
const CHART_HEIGHT = 240;

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
export function dailySpendSpec(points: readonly ChartPoint[], title: string): vegaLite.TopLevelSpec {
  const kinds = Object.keys(KIND_COLORS) as Array<ChartPoint['kind']>;
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
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
        title: 'USD per day',
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

/**
 * Renders the chart to PNG on the server: Vega-Lite → Vega → SVG (no canvas) → resvg. Without any font the
 * SVG's text is removed so the PNG still renders (bars only) and `hasText` says so.
 */
export async function renderDailySpendChart(
  points: readonly ChartPoint[],
  title: string,
  opts: { fontFile?: string } = {},
): Promise<RenderedChart> {
  // Loaded on first use: the charting libraries are only needed once a week, not in the resident bot.
  const [vega, vegaLiteRuntime] = await Promise.all([import('vega'), import('vega-lite')]);
  const compiled = vegaLiteRuntime.compile(dailySpendSpec(points, title)).spec;
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
