import { describe, expect, it } from 'vitest';
import {
  DEFAULT_SNOOZE_HOURS,
  type DemoCommand,
  MAX_SNOOZE_HOURS,
  parseDemoCommand,
  parseDuration,
} from '../../src/demo/commands.js';

describe('parseDemoCommand', () => {
  const cases: Array<[string, DemoCommand]> = [
    ['', { kind: 'empty' }],
    ['   ', { kind: 'empty' }],
    ['help', { kind: 'help' }],
    ['?', { kind: 'help' }],
    ['HELP', { kind: 'help' }],
    ['quit', { kind: 'quit' }],
    ['exit', { kind: 'quit' }],
    ['q', { kind: 'quit' }],
    ['alerts', { kind: 'alerts' }],
    ['  digest  ', { kind: 'digest' }],
    ['sync', { kind: 'sync' }],
    ['audit', { kind: 'audit' }],
    ['undeploy 3', { kind: 'remediate', action: 'undeploy', findingId: 3, value: null }],
    ['Undeploy #3', { kind: 'remediate', action: 'undeploy', findingId: 3, value: null }],
    ['cancel 12', { kind: 'remediate', action: 'cancel', findingId: 12, value: null }],
    ['scale 4', { kind: 'remediate', action: 'scale', findingId: 4, value: null }],
    ['scale 4 2', { kind: 'remediate', action: 'scale', findingId: 4, value: 2 }],
    ['snooze 2', { kind: 'snooze', findingId: 2, hours: DEFAULT_SNOOZE_HOURS }],
    ['snooze 2 24h', { kind: 'snooze', findingId: 2, hours: 24 }],
    ['snooze 2 7d', { kind: 'snooze', findingId: 2, hours: 168 }],
    ['snooze 2 90m', { kind: 'snooze', findingId: 2, hours: 1.5 }],
    ['snooze 2 3 days', { kind: 'snooze', findingId: 2, hours: 72 }],
    ['allow 2 load test until Friday', { kind: 'allow', findingId: 2, reason: 'load test until Friday' }],
    ['allow 2   kept  warm on purpose ', { kind: 'allow', findingId: 2, reason: 'kept  warm on purpose' }],
    // Questions, including ones that start with a command word but are not commands.
    ['which endpoints are idle?', { kind: 'ask', question: 'which endpoints are idle?' }],
    ['alerts for project:ml-prod', { kind: 'ask', question: 'alerts for project:ml-prod' }],
    ['help me with spend', { kind: 'ask', question: 'help me with spend' }],
  ];
  it.each(cases)('%j', (line, expected) => {
    expect(parseDemoCommand(line)).toEqual(expected);
  });

  // Each bad input names what was wrong and what is expected.
  const invalid: Array<[string, RegExp]> = [
    ['undeploy', /undeploy: expected a finding number .*found nothing/],
    ['undeploy the idle one', /undeploy: expected a finding number .*found "the"/],
    ['cancel 0', /cancel: expected a finding number/],
    ['cancel -1', /cancel: expected a finding number/],
    ['cancel 3 now', /cancel: expected only a finding number, e\.g\. `cancel 3`/],
    ['scale x', /scale: expected a finding number/],
    ['scale 4 two', /scale: found "two" for the min replicas, expected a whole number/],
    ['scale 4 2 3', /scale: expected `scale N` or `scale N <min replicas>`/],
    ['snooze', /snooze: expected a finding number/],
    ['snooze 2 forever', /snooze: found "forever" for how long, expected a duration/],
    ['snooze 2 0h', /expected a duration from 1m to 30d/],
    ['snooze 2 31d', /expected a duration from 1m to 30d/],
    ['allow 2', /allow: expected a reason of 5–500 characters .*found 0/],
    ['allow 2 ok', /allow: expected a reason of 5–500 characters .*found 2/],
    [`allow 2 ${'x'.repeat(501)}`, /found 501/],
    ['allow reason without a number', /allow: expected a finding number/],
  ];
  it.each(invalid)('refuses %j with a message', (line, message) => {
    const command = parseDemoCommand(line);
    expect(command.kind).toBe('invalid');
    expect(command.kind === 'invalid' ? command.message : '').toMatch(message);
  });
});

describe('parseDuration', () => {
  const cases: Array<[string, number | null]> = [
    ['24h', 24],
    ['1hour', 1],
    ['2hours', 2],
    ['7d', 168],
    ['1day', 24],
    ['30m', 0.5],
    ['45min', 0.75],
    ['1.5h', 1.5],
    ['h', null],
    ['24', null],
    ['-2h', null],
    ['2w', null],
  ];
  it.each(cases)('%s → %s hours', (text, hours) => {
    expect(parseDuration(text)).toBe(hours);
  });

  it('caps snoozes at a month', () => {
    expect(MAX_SNOOZE_HOURS).toBe(720);
  });
});
