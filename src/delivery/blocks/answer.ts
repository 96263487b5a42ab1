// Block Kit rendering of an answer (slash command, mention, DM). Pure: answer model in, blocks out. The questions
// offered under an answer not understood are buttons; a click asks the question its value carries.
import type { types } from '@slack/bolt';
import type { Answer } from '../../ask/types.js';
import { escapeLines, escapeName, plainName } from './escape.js';
import {
  BUTTON_TEXT_MAX,
  BUTTON_VALUE_MAX,
  CONTEXT_ELEMENT_TEXT_MAX,
  clip,
  FALLBACK_TEXT_MAX,
  MESSAGE_BLOCKS_MAX,
  SECTION_TEXT_MAX,
} from './limits.js';

type KnownBlock = types.KnownBlock;
type Button = types.Button;

/** The action ids of the suggested-question buttons: one per button, since ids are unique within a block. */
export const SUGGESTION_ACTION_PREFIX = 'burnrate_ask_suggestion_';
export const SUGGESTION_ACTION_RE = /^burnrate_ask_suggestion_\d{1,2}$/;

export interface AnswerMessage {
  text: string;
  blocks: KnownBlock[];
}

/** The message for an answer: a fallback `text` (notifications, screen readers) and its blocks. */
export function answerMessage(answer: Answer, question?: string): AnswerMessage {
  const blocks: KnownBlock[] = [];
  blocks.push({
    type: 'section',
    text: { type: 'mrkdwn', text: `*${clip(escapeName(answer.headline), SECTION_TEXT_MAX - 2)}*` },
  });
  const details = answer.details.map(escapeName);
  // Group detail lines into sections under the per-section limit, leaving room for the context blocks.
  for (const chunk of chunkLines(details, SECTION_TEXT_MAX)) {
    if (blocks.length >= MESSAGE_BLOCKS_MAX - 3) break;
    blocks.push({ type: 'section', text: { type: 'mrkdwn', text: chunk } });
  }
  if (answer.examples.length > 0) blocks.push(...suggestionBlocks(answer.examples));
  const context = [answer.sourceNote, question ? `Asked: “${question}”` : ''].filter(Boolean).map(escapeName);
  if (context.length > 0) {
    blocks.push({
      type: 'context',
      elements: context.map((text) => ({ type: 'mrkdwn', text: clip(text, CONTEXT_ELEMENT_TEXT_MAX) })),
    });
  }
  return {
    text: clip(escapeLines(answer.text), FALLBACK_TEXT_MAX),
    blocks: blocks.slice(0, MESSAGE_BLOCKS_MAX),
  };
}

/** The questions offered: a button each (the value is the question as it is asked), listed when too long for one. */
function suggestionBlocks(questions: readonly string[]): KnownBlock[] {
  const fits = (q: string) => q.length <= BUTTON_VALUE_MAX;
  const buttons: Button[] = questions.filter(fits).map((question, i) => ({
    type: 'button',
    action_id: `${SUGGESTION_ACTION_PREFIX}${i + 1}`,
    text: { type: 'plain_text', text: clip(plainName(question), BUTTON_TEXT_MAX) },
    value: question,
  }));
  const listed = questions.filter((q) => !fits(q)).map((q) => `• ${escapeName(q)}`);
  const heading = buttons.length > 0 ? 'Questions that work (click one to ask it):' : 'Questions that work:';
  const blocks: KnownBlock[] = [
    {
      type: 'section',
      text: { type: 'mrkdwn', text: clip([heading, ...listed].join('\n'), SECTION_TEXT_MAX) },
    },
  ];
  if (buttons.length > 0) blocks.push({ type: 'actions', block_id: 'suggestions', elements: buttons });
  return blocks;
}

/**
 * An answer only the asker sees, saying its chart is left out: a chart is posted only where everyone sees the
 * answer, since posting it would show others what was asked privately.
 */
export function withChartLeftOut(message: AnswerMessage): AnswerMessage {
  if (message.blocks.length >= MESSAGE_BLOCKS_MAX) return message;
  const note: KnownBlock = {
    type: 'context',
    elements: [
      {
        type: 'mrkdwn',
        text: 'This answer has a chart, posted only with answers everyone in the conversation sees: mention me or send me a direct message to get it.',
      },
    ],
  };
  return { ...message, blocks: [...message.blocks, note] };
}

/** A short message for failures: says what happened, never a stack trace. */
export function failureMessage(what: string): AnswerMessage {
  const text = clip(escapeName(what), SECTION_TEXT_MAX);
  return { text, blocks: [{ type: 'section', text: { type: 'mrkdwn', text } }] };
}

/** Said first when an answer takes a while: the question is being worked on, the answer follows. */
export function workingMessage(question?: string): AnswerMessage {
  const said = question
    ? `Working on “${question}”: the answer follows in a moment.`
    : 'Working on it: the answer follows in a moment.';
  const text = clip(escapeName(said), SECTION_TEXT_MAX);
  return { text, blocks: [{ type: 'context', elements: [{ type: 'mrkdwn', text }] }] };
}

function chunkLines(lines: readonly string[], max: number): string[] {
  const chunks: string[] = [];
  let current = '';
  for (const raw of lines) {
    const line = clip(raw, max);
    if (current && current.length + 1 + line.length > max) {
      chunks.push(current);
      current = '';
    }
    current = current ? `${current}\n${line}` : line;
  }
  if (current) chunks.push(current);
  return chunks;
}
