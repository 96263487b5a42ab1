// Charts drawn by a helper process (`burnrate chart-renderer`): the chart libraries (Vega, Vega-Lite, the native
// SVG renderer) take some 70 MB while they draw, which the resident bot should not keep for a picture that
// follows an answer now and then. The helper starts at the first chart, draws every chart after it, and ends once
// none has been asked for a while; drawing in it takes as long as in-process once it is up (its start adds about
// a second to the first chart, which comes after the answer's text anyway).
import { ipcChild } from '../app/ipcChild.js';
import type { Logger } from '../app/logger.js';
import type { ChartRenderer, RenderedChart } from './chart.js';

// How long the helper stays after its last chart: a few questions asked in a row reuse it.
export const CHART_HELPER_IDLE_MS = 60_000;
// Charts one helper draws before a fresh one takes over: the renderer's memory grows with every chart drawn
// (measured on the benchmark organisation: 880 MB after some 700 charts in a row, 590 MB with a fresh helper every
// 25), and a fresh helper starts in about a second.
export const CHARTS_PER_HELPER = 10;
// Charts waiting for the helper, at most: answers can come faster than charts are drawn (a burst of questions on
// two cores), and each chart waiting keeps its answer's request alive (about 0.1 MB: measured 500 waiting charts
// holding 50 MB of the bot's heap). Past this, an answer goes without its chart; its text is the answer.
export const CHARTS_WAITING_MAX = 8;
// The one call the helper answers.
export const RENDER_CHART_CALL = 'renderChart';

export interface ChildChartRenderer {
  render: ChartRenderer;
  /** Whether the helper is running now. */
  running(): boolean;
  close(): Promise<void>;
}

export function childChartRenderer(opts: {
  /** burnrate's global options for the helper (config, database, clock): see CliContext.childArgs. */
  globalArgs: readonly string[];
  log: Logger;
  idleMs?: number;
  chartsPerHelper?: number;
  chartsWaitingMax?: number;
}): ChildChartRenderer {
  const waitingMax = opts.chartsWaitingMax ?? CHARTS_WAITING_MAX;
  let waiting = 0;
  const helper = ipcChild({
    name: 'chart-renderer',
    args: [...opts.globalArgs, 'chart-renderer'],
    idleMs: opts.idleMs ?? CHART_HELPER_IDLE_MS,
    recycleAfterCalls: opts.chartsPerHelper ?? CHARTS_PER_HELPER,
    log: opts.log,
    errorOf: (error) => new Error(String(error)),
    endedBeforeAnswer: (_call, why) => new Error(`the chart process ended (${why}) before drawing the chart`),
  });
  return {
    async render(data, renderOpts = {}) {
      if (waiting >= waitingMax)
        throw new Error(`the chart helper is behind (${waiting} charts waiting); this chart is not drawn`);
      waiting++;
      const drawn = (await helper
        .call(RENDER_CHART_CALL, [data, renderOpts])
        .finally(() => waiting--)) as RenderedChart;
      // A Buffer crosses the channel as a plain Uint8Array.
      const png = drawn.png as Uint8Array;
      return { ...drawn, png: Buffer.from(png.buffer, png.byteOffset, png.byteLength) };
    },
    running: helper.running,
    close: helper.close,
  };
}
