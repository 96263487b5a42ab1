import { serveCalls } from '../../app/ipcChild.js';
import { RENDER_CHART_CALL } from '../../report/chartChild.js';
import type { ChartData } from '../../report/chartData.js';
import { UsageError } from '../context.js';
import type { CommandSpec } from '../spec.js';

/**
 * Internal: the helper process serve starts to draw answers' and App Home's charts (src/report/chartChild.ts),
 * so the chart libraries never stay in the bot. It draws what it is sent over its IPC channel and ends when serve
 * disconnects.
 */
export const chartRendererCommand: CommandSpec = {
  name: 'chart-renderer',
  summary: '(internal) draw charts for serve, over an IPC channel',
  hidden: true,
  configure() {},
  async run() {
    if (!process.send) {
      throw new UsageError('chart-renderer is started by serve over an IPC channel; it is not run by hand');
    }
    const { renderChart } = await import('../../report/chart.js');
    await serveCalls(
      process,
      (call, args) => {
        if (call !== RENDER_CHART_CALL) throw new Error(`not a chart call: ${call}`);
        const [data, opts] = args as [ChartData, { fontFile?: string } | undefined];
        return renderChart(data, opts ?? {});
      },
      (err) => (err instanceof Error ? err.message : String(err)),
    );
    return 0;
  },
};
