// An answer's chart in Slack: drawn by the digest's renderer and uploaded where the answer was posted, after it.
// The text is the answer (screen readers, notifications); the chart adds to it, so a chart that cannot be drawn
// or uploaded is logged and the asker sees nothing alarming.
import type { Logger } from '../app/logger.js';
import type { ChartRenderer } from '../report/chart.js';
import type { ChartData } from '../report/chartData.js';
import { chartAltText, chartFileName } from '../report/chartText.js';
import { clip } from './blocks/limits.js';
import { type RetryOptions, uploadFile } from './post.js';
import type { SlackClient } from './slackClient.js';

// Slack shows a file's title in one line above the picture; the chart itself carries the whole title.
const FILE_TITLE_MAX = 250;

export interface AnswerChartDeps {
  client: SlackClient;
  log: Logger;
  /** Draws the chart (in serve, a helper process: see src/report/chartChild.ts). */
  render: ChartRenderer;
  /** digest.chartFontFile: the font every chart is drawn with ('' = the bundled DejaVu Sans). */
  fontFile: string;
  /** slack.timeoutMs: the deadline of the upload of the bytes. */
  timeoutMs: number;
  retry?: RetryOptions;
}

/** Where the answer went: its channel, and the thread it is in (or its own ts when it started none). */
export interface AnswerPlace {
  channel: string;
  /**
   * The parent of the thread to reply in (Slack: "Never use a reply's ts value; use its parent instead"). Left
   * out, the chart is shared in the channel itself, right after the answer.
   */
  threadTs?: string;
}

/**
 * Draws an answer's chart and shares it at `place`; resolves with the file id, or null when the answer has no
 * chart, there is no place for one, or drawing or uploading failed (logged, never thrown).
 */
export async function postAnswerChart(
  deps: AnswerChartDeps,
  chart: ChartData | undefined,
  place: AnswerPlace | null,
): Promise<string | null> {
  if (!chart || !place) return null;
  try {
    const rendered = await deps.render(chart, { fontFile: deps.fontFile });
    return await uploadFile(
      deps.client,
      {
        channel: place.channel,
        ...(place.threadTs ? { threadTs: place.threadTs } : {}),
        filename: chartFileName(chart),
        title: clip(chart.title, FILE_TITLE_MAX),
        altText: chartAltText(chart),
        data: rendered.png,
        timeoutMs: deps.timeoutMs,
      },
      { ...deps.retry, log: deps.log },
    );
  } catch (err) {
    deps.log.warn(
      { channel: place.channel, threadTs: place.threadTs, err: (err as Error).message },
      'answer posted without its chart',
    );
    return null;
  }
}
