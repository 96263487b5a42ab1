import type { types } from '@slack/bolt';
import type { Finding } from '../../audit/findings.js';
import { NOT_WASTE_REASON_BLOCK, NOT_WASTE_REASON_INPUT, NOT_WASTE_VIEW } from './alertActions.js';
import { escapeName } from './escape.js';
import { clip, SECTION_TEXT_MAX } from './limits.js';

/** What the modal remembers between opening and submission: the finding and the message to update. */
export interface NotWasteMetadata {
  findingId: number;
  /** The hash of the finding's resource, as its buttons carry it (null in forms opened before hashes). */
  targetHash: string | null;
  channel: string | null;
  ts: string | null;
}

// A reason someone else can understand later; "ok" is not one.
export const NOT_WASTE_REASON_MIN = 5;
export const NOT_WASTE_REASON_MAX = 500;

export function notWasteModal(finding: Finding, metadata: NotWasteMetadata): types.ModalView {
  return {
    type: 'modal',
    callback_id: NOT_WASTE_VIEW,
    private_metadata: JSON.stringify(metadata),
    title: { type: 'plain_text', text: 'Not waste' },
    submit: { type: 'plain_text', text: 'Save' },
    close: { type: 'plain_text', text: 'Cancel' },
    blocks: [
      {
        type: 'section',
        text: {
          type: 'mrkdwn',
          text: `*${clip(escapeName(finding.title), SECTION_TEXT_MAX - 100)}*\nburnrate will stop alerting about it. Why is it not waste?`,
        },
      },
      {
        type: 'input',
        block_id: NOT_WASTE_REASON_BLOCK,
        label: { type: 'plain_text', text: 'Reason' },
        element: {
          type: 'plain_text_input',
          action_id: NOT_WASTE_REASON_INPUT,
          multiline: true,
          min_length: NOT_WASTE_REASON_MIN,
          max_length: NOT_WASTE_REASON_MAX,
          placeholder: { type: 'plain_text', text: 'e.g. warm standby for the Black Friday launch' },
        },
      },
    ],
  };
}

export function parseNotWasteMetadata(text: string | undefined): NotWasteMetadata | null {
  try {
    const value = JSON.parse(text ?? '') as Partial<NotWasteMetadata>;
    if (typeof value.findingId !== 'number') return null;
    return {
      findingId: value.findingId,
      targetHash: typeof value.targetHash === 'string' ? value.targetHash : null,
      channel: typeof value.channel === 'string' ? value.channel : null,
      ts: typeof value.ts === 'string' ? value.ts : null,
    };
  } catch {
    return null;
  }
}
