// What a line typed at the demo prompt means. Pure: the prompt loop decides what to do with the result.
// Anything that is not one of the demo's own commands is a question for the ask engine.

import type { SuggestedAction } from '../audit/model.js';
import { NOT_WASTE_REASON_MAX, NOT_WASTE_REASON_MIN } from '../delivery/blocks/notWasteModal.js';

export type DemoCommand =
  | { kind: 'empty' }
  | { kind: 'help' }
  | { kind: 'quit' }
  | { kind: 'alerts' }
  | { kind: 'digest' }
  | { kind: 'sync' }
  | { kind: 'audit' }
  | { kind: 'remediate'; action: SuggestedAction; findingId: number; value: number | null }
  | { kind: 'snooze'; findingId: number; hours: number }
  | { kind: 'allow'; findingId: number; reason: string }
  | { kind: 'ask'; question: string }
  | { kind: 'invalid'; message: string };

// The first of Slack's two snooze buttons: what `snooze N` without a duration means.
export const DEFAULT_SNOOZE_HOURS = 24;
// A snooze longer than a month hides waste; `allow` is the way to say something is fine for good.
export const MAX_SNOOZE_HOURS = 30 * 24;

const SINGLE_WORD: Record<string, DemoCommand> = {
  help: { kind: 'help' },
  '?': { kind: 'help' },
  quit: { kind: 'quit' },
  exit: { kind: 'quit' },
  q: { kind: 'quit' },
  alerts: { kind: 'alerts' },
  digest: { kind: 'digest' },
  sync: { kind: 'sync' },
  audit: { kind: 'audit' },
};

const ACTIONS: readonly SuggestedAction[] = ['undeploy', 'scale', 'cancel'];

export const DEMO_HELP = [
  'Commands (finding numbers are the #N shown by `alerts`):',
  '  alerts                 list the open alerts with their cost and suggested fix',
  '  undeploy N             undeploy the idle model of finding N',
  '  scale N                lower the min replicas of finding N to the suggested number',
  '  cancel N               cancel the runaway job of finding N',
  `  snooze N [24h|7d]      no alert for finding N for that long (default ${DEFAULT_SNOOZE_HOURS}h)`,
  '  allow N <reason>       mark finding N as not waste, with the reason',
  '  digest                 the weekly digest for the week that just ended',
  '  sync                   collect from Google Cloud (the simulator) again',
  '  audit                  re-evaluate the audit rules and list the alerts',
  '  help                   this list',
  '  quit                   stop the demo (also Ctrl+D, Ctrl+C)',
  'Anything else is a question, answered as in Slack, e.g. "which endpoints are idle?"',
].join('\n');

/** Parses one line typed at the prompt. */
export function parseDemoCommand(line: string): DemoCommand {
  const text = line.trim();
  if (!text) return { kind: 'empty' };
  const words = text.split(/\s+/);
  const verb = (words[0] ?? '').toLowerCase();
  if (words.length === 1 && SINGLE_WORD[verb]) return SINGLE_WORD[verb];
  if ((ACTIONS as readonly string[]).includes(verb))
    return parseAction(verb as SuggestedAction, words.slice(1));
  if (verb === 'snooze') return parseSnooze(words.slice(1));
  if (verb === 'allow') return parseAllow(text, words.slice(1));
  return { kind: 'ask', question: text };
}

function findingNumber(word: string | undefined): number | null {
  if (word === undefined || !/^#?\d{1,9}$/.test(word)) return null;
  const id = Number(word.replace('#', ''));
  return id > 0 ? id : null;
}

function missingNumber(verb: string, example: string, found: string | undefined): DemoCommand {
  const what = found === undefined ? 'nothing' : JSON.stringify(found);
  return {
    kind: 'invalid',
    message: `${verb}: expected a finding number after it, e.g. \`${example}\` (found ${what}; \`alerts\` lists the numbers)`,
  };
}

function parseAction(action: SuggestedAction, args: string[]): DemoCommand {
  const findingId = findingNumber(args[0]);
  if (findingId === null) return missingNumber(action, `${action} 3`, args[0]);
  if (action === 'scale') {
    if (args.length > 2) {
      return {
        kind: 'invalid',
        message: 'scale: expected `scale N` or `scale N <min replicas>`, e.g. `scale 4 2`',
      };
    }
    if (args.length === 2) {
      const value = Number(args[1]);
      if (!/^\d{1,4}$/.test(args[1] ?? '') || !Number.isInteger(value)) {
        return {
          kind: 'invalid',
          message: `scale: found ${JSON.stringify(args[1])} for the min replicas, expected a whole number such as 2`,
        };
      }
      return { kind: 'remediate', action, findingId, value };
    }
    return { kind: 'remediate', action, findingId, value: null };
  }
  if (args.length > 1) {
    return {
      kind: 'invalid',
      message: `${action}: expected only a finding number, e.g. \`${action} ${findingId}\``,
    };
  }
  return { kind: 'remediate', action, findingId, value: null };
}

/** "24h", "7d", "90m" → hours; null when it is not a duration. */
export function parseDuration(word: string): number | null {
  const match = /^(\d+(?:\.\d+)?)\s*(m|min|h|hours?|d|days?)$/i.exec(word);
  if (!match) return null;
  const amount = Number(match[1]);
  const unit = (match[2] ?? '').toLowerCase();
  if (unit.startsWith('m')) return amount / 60;
  if (unit.startsWith('d')) return amount * 24;
  return amount;
}

function parseSnooze(args: string[]): DemoCommand {
  const findingId = findingNumber(args[0]);
  if (findingId === null) return missingNumber('snooze', 'snooze 2 24h', args[0]);
  const durationText = args.slice(1).join('');
  if (!durationText) return { kind: 'snooze', findingId, hours: DEFAULT_SNOOZE_HOURS };
  const hours = parseDuration(durationText);
  if (hours === null || hours <= 0 || hours > MAX_SNOOZE_HOURS) {
    return {
      kind: 'invalid',
      message: `snooze: found ${JSON.stringify(args.slice(1).join(' '))} for how long, expected a duration from 1m to ${MAX_SNOOZE_HOURS / 24}d such as 24h or 7d`,
    };
  }
  return { kind: 'snooze', findingId, hours };
}

function parseAllow(text: string, args: string[]): DemoCommand {
  const findingId = findingNumber(args[0]);
  if (findingId === null)
    return missingNumber('allow', 'allow 2 shared demo endpoint, kept warm on purpose', args[0]);
  // The reason as typed, spacing inside it kept.
  const reason = text.replace(/^\S+\s+\S+\s*/, '').trim();
  if (reason.length < NOT_WASTE_REASON_MIN || reason.length > NOT_WASTE_REASON_MAX) {
    return {
      kind: 'invalid',
      message: `allow: expected a reason of ${NOT_WASTE_REASON_MIN}–${NOT_WASTE_REASON_MAX} characters after the finding number, e.g. \`allow ${findingId} load test until Friday\` (found ${reason.length})`,
    };
  }
  return { kind: 'allow', findingId, reason };
}
