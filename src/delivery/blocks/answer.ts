// Block Kit rendering of an answer (slash command, mention, DM). Pure: answer model in, blocks out.
import type { types } from '@slack/bolt';
import type { Answer } from '../../ask/types.js';
import { escapeLines, escapeName } from './escape.js';
import {
  CONTEXT_ELEMENT_TEXT_MAX,
  clip,
  FALLBACK_TEXT_MAX,
  MESSAGE_BLOCKS_MAX,
  SECTION_TEXT_MAX,
} from './limits.js';

type KnownBlock = types.KnownBlock;

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
  if (answer.examples.length > 0) {
    const list = answer.examples.map((e) => `• ${escapeName(e)}`).join('\n');
    blocks.push({
      type: 'section',
      text: { type: 'mrkdwn', text: clip(`Questions that work:\n${list}`, SECTION_TEXT_MAX) },
    });
  }
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

/** A short message for failures: says what happened, never a stack trace. */
export function failureMessage(what: string): AnswerMessage {
  const text = clip(escapeName(what), SECTION_TEXT_MAX);
  return { text, blocks: [{ type: 'section', text: { type: 'mrkdwn', text } }] };
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
