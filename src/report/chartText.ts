// Words for a chart: the description a screen reader reads in its place (Slack's alt_txt and an image block's
// alt_text) and a file name. The description carries the chart's figures, so nothing is only in the picture.
import { formatMoney } from '../money/format.js';
import { formatDay, formatRange } from '../time/days.js';
import type { BarChartData, ChartData, DailySeriesData } from './chartData.js';

// Slack refuses a longer alt_txt on files.getUploadURLExternal (alt_txt_too_large); image blocks allow 2000.
export const CHART_ALT_TEXT_MAX = 1000;
// Longest file name part taken from the title: enough to recognise the file in a download folder.
const FILE_NAME_WORDS_MAX = 60;
// A key longer than this (a verbose or hostile name) is cut, so one name cannot crowd out the other figures.
const KEY_CHARS_MAX = 120;

/** What the chart shows, in plain text within CHART_ALT_TEXT_MAX: its title, then its figures. */
export function chartAltText(data: ChartData): string {
  return data.type === 'bars' ? barsAltText(data) : dailyAltText(data);
}

function barsAltText(data: BarChartData): string {
  const unit = data.unit === 'perDay' ? ' per day' : '';
  const lines = data.bars.map((b) => {
    const before =
      data.previousLabel !== null && b.previous !== null
        ? ` (${data.previousLabel}: ${formatMoney(b.previous)}${unit})`
        : '';
    return `${clipChars(b.key, KEY_CHARS_MAX)}: ${formatMoney(b.current)}${unit}${before}`;
  });
  const head = `Bar chart, ${data.title}${data.previousLabel ? `, ${data.currentLabel} against ${data.previousLabel}` : ''}.`;
  return fitted(head, lines, data.omitted);
}

function dailyAltText(data: DailySeriesData): string {
  const first = data.days[0];
  const last = data.days.at(-1);
  if (!first || !last) return `Bar chart, ${data.title}: no days.`;
  const year = Number(last.day.slice(0, 4));
  const sorted = [...data.days].sort((a, b) => b.cost - a.cost);
  const high = sorted[0]!;
  const low = sorted.at(-1)!;
  const estimated = data.days.filter((d) => d.estimated);
  const facts = [
    `${data.days.length} days from ${formatDay(first.day, year)} to ${formatDay(last.day, year)}`,
    `highest ${formatMoney(high.cost)} on ${formatDay(high.day, year)}`,
    `lowest ${formatMoney(low.cost)} on ${formatDay(low.day, year)}`,
    ...(data.average
      ? [
          `average ${formatMoney(data.average.value)} per day over ${formatRange(data.average.start, data.average.end, year)} (dashed line)`,
        ]
      : []),
    ...(estimated.length > 0
      ? [`${estimated.length} day${estimated.length === 1 ? '' : 's'} estimated from catalog prices`]
      : []),
  ];
  const head = `Bar chart of spend per day, ${data.title}: ${facts.join('; ')}.`;
  const days = data.days.map((d) => `${formatDay(d.day, year)}: ${formatMoney(d.cost)}`);
  return fitted(head, days, 0);
}

/** The head, then as many items as fit, then how many were left out. */
function fitted(head: string, items: readonly string[], omitted: number): string {
  const clippedHead = clipChars(head, CHART_ALT_TEXT_MAX / 2);
  const tail = (left: number) => (left > 0 ? ` …and ${left} more.` : '');
  let text = clippedHead;
  for (let i = 0; i < items.length; i += 1) {
    const item = items[i]!;
    const next = `${text} ${item}${i < items.length - 1 ? ';' : '.'}`;
    const left = items.length - i - 1 + omitted;
    if (next.length + tail(left).length > CHART_ALT_TEXT_MAX) return text + tail(items.length - i + omitted);
    text = next;
  }
  return text + tail(omitted);
}

/** At most `max` characters, cut between code points (never inside an emoji) with an ellipsis. */
function clipChars(text: string, max: number): string {
  if (text.length <= max) return text;
  const kept: string[] = [];
  let length = 0;
  for (const ch of text) {
    if (length + ch.length > max - 1) break;
    kept.push(ch);
    length += ch.length;
  }
  return `${kept.join('')}…`;
}

/** A file name from the title: "burnrate-vertex-ai-spend-by-team-this-month.png". */
export function chartFileName(data: ChartData): string {
  const words = data.title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, FILE_NAME_WORDS_MAX)
    .replace(/-+$/, '');
  return `burnrate-${words || 'chart'}.png`;
}
