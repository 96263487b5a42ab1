// What happened to an alert (snoozed, remediated, marked not waste) and the replies to a click, as mrkdwn. The
// outcome texts carry Google's error messages and display names, and a reason is whatever someone typed: all of
// it is escaped here, and each part is bounded so the line stays within any block it goes into.
import { escapeName, type Mrkdwn, mention, mrkdwn } from './escape.js';
import { clip } from './limits.js';

// Room for a message, a reason or a name inside a note; the whole note stays well under a section's 3000.
const PART_MAX = 1500;
// Our own words in a note (a verb, a time) are short.
const WORD_MAX = 100;

const part = (text: string, max = PART_MAX): Mrkdwn => clip(escapeName(text), max) as Mrkdwn;
// A live mention is short; something that is no user id is shown as text, bounded like any word of ours.
const who = (userId: string): Mrkdwn => clip(mention(userId), WORD_MAX) as Mrkdwn;

/** ":zzz: Snoozed by @someone until 2026-11-29 09:00 UTC." */
export function snoozedNote(userId: string, until: string): Mrkdwn {
  return mrkdwn`:zzz: Snoozed by ${who(userId)} until ${part(until, WORD_MAX)}.`;
}

/** ":white_check_mark: *Undeployed* by @someone at …. Done: undeployed churn." */
export function remediatedNote(verb: string, userId: string, when: string, message: string): Mrkdwn {
  return mrkdwn`:white_check_mark: *${part(verb, WORD_MAX)}* by ${who(userId)} at ${part(when, WORD_MAX)}. ${part(message)}`;
}

/** ":ok_hand: Marked *not waste* by @someone at …: “warm standby for the launch”" */
export function notWasteNote(userId: string, when: string, reason: string): Mrkdwn {
  return mrkdwn`:ok_hand: Marked *not waste* by ${who(userId)} at ${part(when, WORD_MAX)}: “${part(reason)}”`;
}

const SUPERSEDED_BECAUSE: Readonly<Record<string, string>> = {
  'split-changed': 'the traffic split of the endpoint changed',
  'severity-rose': 'its severity rose',
  'snooze-ended': 'its snooze ended',
  new: 'it was found again',
};

/** ":arrows_counterclockwise: Superseded by a newer alert: the traffic split of the endpoint changed." */
export function supersededNote(dueReason: string): Mrkdwn {
  const because = part(SUPERSEDED_BECAUSE[dueReason] ?? dueReason, WORD_MAX);
  return mrkdwn`:arrows_counterclockwise: Superseded by a newer alert: ${because}. Act on that one.`;
}

/** The thread reply when Google refused or timed out a remediation someone clicked. */
export function remediationProblemText(userId: string, action: string, message: string): { text: Mrkdwn } {
  return { text: mrkdwn`:warning: ${who(userId)} tried to ${part(action, WORD_MAX)}: ${part(message)}` };
}

/**
 * A private reply to the person who clicked. `message` may name, as <@U…>, the one user it is about (who
 * already acted, who holds the claim): that mention stays live, everything else is escaped.
 */
export function clickReply(message: string, mentionable: string | null): Mrkdwn {
  if (!mentionable) return part(message);
  const own = `<@${mentionable}>`;
  return message
    .split(own)
    .map((piece) => part(piece))
    .join(who(mentionable)) as Mrkdwn;
}
