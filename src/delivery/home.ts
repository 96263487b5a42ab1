// App Home: the summary view, with month to date by kind as a chart. An image block needs a picture Slack can
// fetch; burnrate serves nothing to the internet, so the chart is uploaded to Slack as a private file (shared in
// no channel) and the block names it (`slack_file: { id }`). Drawing and uploading take a few seconds, so the view
// is published at once without the image and again with it; the drawing is kept and shown again while its
// figures still hold (or for a while after they move), so opening Home does not upload a file each time. Without
// a chart — nothing spent, drawing or upload failed, Slack refused the image — the view reads the same.
import type { Clock } from '../app/clock.js';
import type { Logger } from '../app/logger.js';
import type { HomeSummary } from '../ask/home.js';
import type { Store } from '../db/open.js';
import type { ChartRenderer } from '../report/chart.js';
import type { BarChartData } from '../report/chartData.js';
import { chartAltText, chartFileName } from '../report/chartText.js';
import { rfc3339 } from '../time/instants.js';
import { type HomeChartImage, homeView } from './blocks/home.js';
import { type RetryOptions, uploadPrivateFile } from './post.js';
import type { SlackClient } from './slackClient.js';

// A drawing is shown again for this long after it was made even when the figures have moved: estimates grow by
// the minute while anything runs, and one upload an hour is enough for a picture whose title says when it was
// drawn (the text above it always has the current figures).
const HOME_CHART_REUSE_MS = 60 * 60 * 1000;

export interface HomeDeps {
  client: SlackClient;
  store: Store;
  log: Logger;
  clock: Clock;
  /** Draws the chart (in serve, a helper process: see src/report/chartChild.ts). */
  render: ChartRenderer;
  /** digest.chartFontFile: the font every chart is drawn with ('' = the bundled DejaVu Sans). */
  fontFile: string;
  /** slack.timeoutMs: the deadline of the upload of the bytes. */
  timeoutMs: number;
  retry?: RetryOptions;
}

interface DrawnChart extends HomeChartImage {
  /** The summary's day: a chart is never shown on another day. */
  day: string;
  /** The chart's figures as drawn (to the cent), to tell whether a new summary would draw the same picture. */
  fingerprint: string;
}

// The chart last uploaded and the one being drawn, per store (one per running app): people opening Home
// together wait for one drawing, not one each. Kept in memory: after a restart the chart is drawn again.
const lastDrawn = new WeakMap<Store, DrawnChart>();
const drawing = new WeakMap<Store, Promise<DrawnChart | null>>();

/**
 * Publishes a user's Home tab. With a drawing that still holds, one view with the image; otherwise the view at
 * once, then the chart drawn and uploaded, then the view again with the image.
 */
export async function publishHome(deps: HomeDeps, userId: string, summary: HomeSummary): Promise<void> {
  const publish = async (image?: HomeChartImage) => {
    await deps.client.views.publish({ user_id: userId, view: homeView(summary, image) });
  };
  const chart = summary.chart;
  if (!chart) return publish();
  const kept = reusable(deps, summary.today, chart);
  if (kept) {
    try {
      return await publish(kept);
    } catch (err) {
      // A file Slack no longer shows (deleted, or refused as an image) must not keep Home from opening.
      deps.log.warn({ fileId: kept.fileId, err: (err as Error).message }, 'Home published without its chart');
      lastDrawn.delete(deps.store);
      return publish();
    }
  }
  await publish();
  const fresh = await drawOnce(deps, summary.today, chart);
  if (!fresh) return;
  try {
    await publish(fresh);
  } catch (err) {
    deps.log.warn({ fileId: fresh.fileId, err: (err as Error).message }, 'Home published without its chart');
    lastDrawn.delete(deps.store);
  }
}

/** The chart last drawn, when it is today's and shows these figures or was drawn recently; else null. */
function reusable(deps: HomeDeps, day: string, chart: BarChartData): DrawnChart | null {
  const kept = lastDrawn.get(deps.store);
  if (!kept || kept.day !== day) return null;
  const age = deps.clock.now().getTime() - Date.parse(kept.drawnAt);
  return kept.fingerprint === fingerprint(chart) || age < HOME_CHART_REUSE_MS ? kept : null;
}

/** Draws and uploads the chart, once however many openings ask for it at the same time. */
function drawOnce(deps: HomeDeps, day: string, chart: BarChartData): Promise<DrawnChart | null> {
  const pending = drawing.get(deps.store);
  if (pending) return pending;
  const drawn = drawAndUpload(deps, day, chart).finally(() => drawing.delete(deps.store));
  drawing.set(deps.store, drawn);
  return drawn;
}

async function drawAndUpload(deps: HomeDeps, day: string, chart: BarChartData): Promise<DrawnChart | null> {
  try {
    const drawnAt = rfc3339(deps.clock.now());
    const rendered = await deps.render(chart, { fontFile: deps.fontFile });
    const fileId = await uploadPrivateFile(
      deps.client,
      {
        filename: chartFileName(chart),
        title: chart.title,
        altText: chartAltText(chart),
        data: rendered.png,
        timeoutMs: deps.timeoutMs,
      },
      { ...deps.retry, log: deps.log },
    );
    const drawn: DrawnChart = { fileId, chart, drawnAt, day, fingerprint: fingerprint(chart) };
    lastDrawn.set(deps.store, drawn);
    return drawn;
  } catch (err) {
    deps.log.warn({ day, err: (err as Error).message }, 'Home chart could not be drawn or uploaded');
    return null;
  }
}

/** What the picture shows: title, keys and amounts to the cent (as its labels print them). */
function fingerprint(chart: BarChartData): string {
  const cents = (n: number | null) => (n === null ? null : Math.round(n * 100));
  return JSON.stringify([
    chart.title,
    chart.currentLabel,
    chart.previousLabel,
    chart.bars.map((b) => [b.key, cents(b.current), cents(b.previous)]),
  ]);
}
