// Turns a question asked anywhere in Slack into a message, with one place deciding what a failure looks like,
// and follows a posted answer with its chart.
import { type AnswerPlace, postAnswerChart } from '../delivery/answerChart.js';
import {
  type AnswerMessage,
  answerMessage,
  failureMessage,
  workingMessage,
} from '../delivery/blocks/answer.js';
import { createSlackClient } from '../delivery/slackClient.js';
import type { ChartData } from '../report/chartData.js';
import { NOT_AN_ASKER, scopeWhereAsked } from './askers.js';
import type { SlackDeps } from './deps.js';
import { decodeSlackText } from './incomingText.js';

export interface ComposedAnswer extends AnswerMessage {
  /** True when the answer is worth showing to everyone where it was asked (not help or a misunderstanding). */
  shareable: boolean;
  /** True when the person is not among the askers: the message says who may ask, and only they should see it. */
  notAnAsker: boolean;
  /** The chart that goes with the text (a grouped answer, a rate's days), posted after it by shareAnswerChart. */
  chart?: ChartData;
}

/** The question as typed: Slack's escapes and markup decoded, the bot's (or anyone's) mention dropped. */
export function questionText(text: string | undefined): string {
  return decodeSlackText(text ?? '');
}

export interface ComposeOptions {
  /**
   * Says "working on it" where the question was asked; called when the answer takes longer than
   * slack.workingNoticeMs, and finished before the answer is handed back.
   */
  onSlow?: (message: AnswerMessage) => Promise<unknown>;
}

/**
 * Answers a question asked in Slack by `userId`. `channelId` is where it was asked: a configured channel sees
 * its scope; a DM (leave it out) and any channel not configured see slack.defaultScope. Someone not among the
 * askers (slack.askers) gets no figures, only who may ask. The answer is worked out by the answer engine, off
 * this event loop, so Slack's next request is acknowledged meanwhile.
 */
export async function composeAnswer(
  deps: SlackDeps,
  userId: string,
  rawText: string | undefined,
  channelId?: string,
  opts: ComposeOptions = {},
): Promise<ComposedAnswer> {
  const question = questionText(rawText);
  try {
    const asker = await deps.askers(userId);
    if (!asker.allowed) {
      deps.log.info({ userId, channel: channelId, detail: asker.detail }, 'refused a question: not an asker');
      return { ...failureMessage(NOT_AN_ASKER), shareable: false, notAnAsker: true };
    }
    const answer = await withWorkingNotice(
      deps,
      deps.answers.ask(question, scopeWhereAsked(deps.config, channelId), deps.clock.now()),
      question,
      opts.onSlow,
    );
    const message = answerMessage(answer, question || undefined);
    return {
      ...message,
      shareable: answer.understood && answer.intent !== 'help',
      notAnAsker: false,
      ...(answer.chart ? { chart: answer.chart } : {}),
    };
  } catch (err) {
    deps.log.error({ err: (err as Error).message, question }, 'answering a Slack question failed');
    return {
      ...failureMessage(
        'Sorry, I could not work that out just now; the failure is logged. Please try again in a minute.',
      ),
      shareable: false,
      notAnAsker: false,
    };
  }
}

/**
 * Once an answer's text is posted: its chart, when it has one, at `place` — the answer's thread, or the channel
 * right after the answer when it went through a response URL; `null` when there is nowhere to show it to the same
 * people (an answer only the asker sees). Posted with the delivery client (rate limits waited out as for the
 * digest). Never throws: a chart that fails is logged and the text answer stands.
 */
export async function shareAnswerChart(
  deps: SlackDeps,
  answer: ComposedAnswer,
  place: AnswerPlace | null,
): Promise<void> {
  if (!answer.chart || !place) return;
  try {
    const timeoutMs = deps.config.slack.timeoutMs;
    const client = createSlackClient(deps.env, timeoutMs);
    await postAnswerChart(
      { client, log: deps.log, render: deps.charts, fontFile: deps.config.digest.chartFontFile, timeoutMs },
      answer.chart,
      place,
    );
  } catch (err) {
    deps.log.warn({ channel: place.channel, err: (err as Error).message }, 'answer posted without its chart');
  }
}

/** Waits for `answer`; when it takes longer than slack.workingNoticeMs (0: never), says so first. */
async function withWorkingNotice<T>(
  deps: SlackDeps,
  answer: Promise<T>,
  question: string,
  onSlow: ComposeOptions['onSlow'],
): Promise<T> {
  const afterMs = deps.config.slack.workingNoticeMs;
  if (!onSlow || afterMs <= 0) return answer;
  let notice: Promise<unknown> | null = null;
  const timer = setTimeout(() => {
    notice = onSlow(workingMessage(question || undefined)).catch((err: unknown) => {
      deps.log.warn({ err: (err as Error).message }, 'could not say an answer is being worked on');
    });
  }, afterMs);
  try {
    return await answer;
  } finally {
    clearTimeout(timer);
    if (notice) await notice;
  }
}
